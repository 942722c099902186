using NetTopologySuite.Geometries;

namespace Geographie.Spatial;

/// <summary>
/// One perimeter to index: a caller-chosen dense id and its area geometry.
/// </summary>
/// <param name="Id">Dense id in 0..n−1 for a set of n perimeters; <see cref="PerimeterIndex"/> reports hits by this id.</param>
/// <param name="Geometry">A <see cref="Polygon"/> or <see cref="MultiPolygon"/> in WGS84 longitude/latitude degrees (x = lon, y = lat).
/// Holes and multipolygon parts are honoured; the geometry is read once at build time and not retained by the index.</param>
public sealed record Perimeter(int Id, Geometry Geometry);
