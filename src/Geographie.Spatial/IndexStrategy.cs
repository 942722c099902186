namespace Geographie.Spatial;

/// <summary>How a <see cref="PerimeterIndex"/> answers point queries. Every strategy gives identical answers.</summary>
public enum IndexStrategy
{
    /// <summary>
    /// Plain scan: per perimeter a bounding-box test, then a ray-crossing test over every ring edge.
    /// No index memory, O(total vertices) per query in the worst case; kept forever as the test oracle.
    /// </summary>
    Scan = 0,

    /// <summary>
    /// Adaptive (multi-level) uniform grid whose cells are classified at build time as outside everything,
    /// wholly inside a set of perimeters, or boundary cells holding their edges plus a reference point of known
    /// status; a query touches only the edges of one small cell. The fast default.
    /// </summary>
    Grid = 1,
}
