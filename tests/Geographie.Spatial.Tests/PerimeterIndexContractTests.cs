using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Geographie.Spatial.Tests;

/// <summary>
/// The contract every <see cref="IndexStrategy"/> must honour; each subclass supplies only the strategy.
/// Small synthetic shapes around (5.4°E, 43.3°N) exercise boxes, combs, holes, multipolygons and boundary cases.
/// </summary>
public abstract class PerimeterIndexContractTests
{
    private static readonly WKTReader Reader = new();

    protected abstract IndexStrategy Strategy { get; }

    private PerimeterIndex Build(params string[] wkts) =>
        PerimeterIndex.Build(wkts.Select((w, i) => new Perimeter(i, Reader.Read(w))).ToArray(), Strategy);

    private static int[] Find(PerimeterIndex index, double x, double y)
    {
        Span<int> hits = stackalloc int[8];
        int n = index.FindCovering(x, y, hits);
        return hits[..n].ToArray();
    }

    [Fact]
    public void Box_InsideOutsideAndBoundary()
    {
        PerimeterIndex index = Build("POLYGON ((5 43, 6 43, 6 44, 5 44, 5 43))");
        Assert.Equal(Strategy, index.Strategy);
        Assert.Equal(1, index.Count);
        Assert.Equal([0], Find(index, 5.5, 43.5));
        Assert.Empty(Find(index, 6.5, 43.5));
        Assert.Empty(Find(index, 4.999999999, 43.5));
        Assert.Empty(Find(index, double.NaN, 43.5));
        Assert.Equal([0], Find(index, 5, 43.5));     // on the west edge
        Assert.Equal([0], Find(index, 5.5, 44));     // on the north edge (horizontal)
        Assert.Equal([0], Find(index, 6, 44));       // on a vertex
        Assert.Equal([0], Find(index, 5, 43));       // on the first/closing vertex
        Assert.Empty(Find(index, 5, 42.9));          // on the edge's line, beyond the vertex
    }

    [Fact]
    public void Comb_TeethAndGaps()
    {
        PerimeterIndex index = Build("POLYGON ((0 0, 10 0, 10 10, 9 10, 9 1, 8 1, 8 10, 7 10, 7 1, 6 1, 6 10, 5 10, 5 1, 4 1, 4 10, 3 10, 3 1, 2 1, 2 10, 1 10, 1 1, 0 1, 0 0))");
        for (int tooth = 1; tooth < 10; tooth += 2)
        {
            Assert.Equal([0], Find(index, tooth + 0.5, 5));      // a tooth
            Assert.Equal([0], Find(index, tooth + 1, 5));        // tooth's right edge
        }

        for (int gap = 0; gap < 10; gap += 2)
        {
            Assert.Empty(Find(index, gap + 0.5, 5));             // a gap
            Assert.Equal([0], Find(index, gap + 0.5, 1));        // gap floor (horizontal edge)
        }

        Assert.Equal([0], Find(index, 5, 0.5));                  // the spine, on the ray through vertices
        Assert.Equal([0], Find(index, 3, 1));                    // reflex vertex
    }

    [Fact]
    public void Hole_IsNotCovered_HoleBoundaryIs()
    {
        PerimeterIndex index = Build("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (3 3, 7 3, 7 7, 3 7, 3 3))");
        Assert.Equal([0], Find(index, 1, 1));
        Assert.Empty(Find(index, 5, 5));
        Assert.Equal([0], Find(index, 3, 5));
        Assert.Equal([0], Find(index, 7, 7));
    }

    [Fact]
    public void MultiPolygon_EveryPart()
    {
        PerimeterIndex index = Build("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)), ((5 5, 6 5, 6 6, 5 6, 5 5)), ((2 0, 3 0, 2.5 1, 2 0)))");
        Assert.Equal([0], Find(index, 0.5, 0.5));
        Assert.Equal([0], Find(index, 5.5, 5.5));
        Assert.Equal([0], Find(index, 2.5, 0.5));
        Assert.Equal([0], Find(index, 2.5, 1));
        Assert.Empty(Find(index, 3, 3));
    }

    [Fact]
    public void SharedEdge_CoveredByBothAscending()
    {
        PerimeterIndex index = Build(
            "POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))",
            "POLYGON ((0 0, 1 0, 1 0.3, 1 1, 0 1, 0 0))",
            "POLYGON ((3 3, 4 3, 4 4, 3 3))");
        Assert.Equal([0, 1], Find(index, 1, 0.5));
        Assert.Equal([0, 1], Find(index, 1, 0.3));
        Assert.Equal([0, 1], Find(index, 1, 1));
        Assert.Equal([1], Find(index, 0.999999, 0.5));
        Assert.Equal([0], Find(index, 1.000001, 0.5));
    }

    [Fact]
    public void Overlaps_AllIdsAscending_AndCountBeyondSpan()
    {
        PerimeterIndex index = Build(
            "POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0))",
            "POLYGON ((1 1, 3 1, 3 3, 1 3, 1 1))",
            "POLYGON ((-1 -1, 5 -1, 5 5, -1 5, -1 -1))");
        Assert.Equal([0, 1, 2], Find(index, 2, 2));
        Span<int> one = stackalloc int[1];
        Assert.Equal(3, index.FindCovering(2, 2, one));
        Assert.Equal(0, one[0]);
        Assert.Equal(3, index.FindCovering(2, 2, Span<int>.Empty));
    }

    [Fact]
    public void RepeatedPoints_AndTinyPolygon()
    {
        PerimeterIndex index = Build(
            "POLYGON ((0 0, 0 0, 1 0, 1 0, 1 1, 1 1, 1 1, 0 1, 0 0))",
            "POLYGON ((5 5, 5.000000001 5, 5.000000001 5.000000001, 5 5))");
        Assert.Equal([0], Find(index, 0.5, 0.5));
        Assert.Equal([0], Find(index, 1, 0));
        Assert.Equal([0], Find(index, 1, 0.5));
        Assert.Equal([1], Find(index, 5.0000000005, 5.0000000002));
        Assert.Equal([1], Find(index, 5, 5));
    }

    [Fact]
    public void Distances_InMetres()
    {
        // A 0.01° box near Marseille; its west edge is the meridian 5.4°E.
        PerimeterIndex index = Build("POLYGON ((5.4 43.3, 5.41 43.3, 5.41 43.31, 5.4 43.31, 5.4 43.3))");
        Assert.Equal(0, index.DistanceToBoundary(0, 5.4, 43.305), 6);
        double inside = index.DistanceToBoundary(0, 5.401, 43.305);
        Assert.InRange(inside, 79, 83); // ≈ 0.001° of longitude at 43.3°N
        Assert.True(index.TryFindNearestBoundary(5.399, 43.305, 1000, out int id, out double d));
        Assert.Equal(0, id);
        Assert.Equal(index.DistanceToBoundary(0, 5.399, 43.305), d, 9);
        Assert.False(index.TryFindNearestBoundary(5.3, 43.305, 1000, out id, out d));
        Assert.Equal(-1, id);
        Assert.True(index.TryFindNearestBoundary(5.3, 43.305, 10000, out id, out _));
        Assert.Equal(0, id);
        Assert.False(index.TryFindNearestBoundary(5.405, 43.305, 100, out _, out _)); // centre is ~400 m from the boundary
    }

    [Fact]
    public void RejectsBadInput()
    {
        Assert.Throws<ArgumentException>(() => PerimeterIndex.Build([new Perimeter(1, Reader.Read("POLYGON ((0 0, 1 0, 1 1, 0 0))"))], Strategy));
        Assert.Throws<ArgumentException>(() => PerimeterIndex.Build([new Perimeter(0, Reader.Read("LINESTRING (0 0, 1 1)"))], Strategy));
        PerimeterIndex index = Build("POLYGON ((0 0, 1 0, 1 1, 0 0))");
        Assert.Throws<ArgumentOutOfRangeException>(() => index.DistanceToBoundary(1, 0, 0));
    }

    [Fact]
    public void Empty_CoversNothing()
    {
        PerimeterIndex index = PerimeterIndex.Build([], Strategy);
        Assert.Equal(0, index.FindCovering(5, 43, stackalloc int[8]));
        Assert.False(index.TryFindNearestBoundary(5, 43, 1000, out _, out _));
    }
}

/// <summary>Contract for the plain-scan oracle.</summary>
public sealed class ScanContractTests : PerimeterIndexContractTests
{
    protected override IndexStrategy Strategy => IndexStrategy.Scan;
}

/// <summary>Contract for the adaptive grid.</summary>
public sealed class GridContractTests : PerimeterIndexContractTests
{
    protected override IndexStrategy Strategy => IndexStrategy.Grid;
}
