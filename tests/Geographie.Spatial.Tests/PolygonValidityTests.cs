using Geographie.Spatial.Areas;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.Operation.Valid;

namespace Geographie.Spatial.Tests;

/// <summary>
/// <see cref="PolygonValidity.IsProvenValid"/> against NTS <see cref="IsValidOp"/>, its oracle: never "proven" for
/// a geometry IsValidOp refuses, and proving most real zones valid (what makes it worth having). Every case is proven
/// both ways of pairing edges (every pair, and the chains' sweep), which must agree.
/// </summary>
public sealed class PolygonValidityTests
{
    private static readonly WKTReader Wkt = new();

    /// <summary>Every shipped file of polygons: communes of both départements, IRIS, Marseille's quartiers, Lyon's 2015 QPV.</summary>
    public static TheoryData<string> ShippedPolygonFiles => ["admin/communes_69.geojson", GeoData.Communes, GeoData.Iris, GeoData.Quartiers, GeoData.QpvLyon];

    [Theory]
    [MemberData(nameof(ShippedPolygonFiles))]
    public void RealPolygons_ProvenOnlyWhenValid_AndMostlyProven(string file)
    {
        int valid = 0, proven = 0;
        foreach (var perimeter in GeoData.Load(file))
        {
            var metric = MetricGeometry.Project(perimeter.Geometry, MetricCrs.Lambert93);
            bool isValid = new IsValidOp(metric).IsValid;
            bool isProven = Proven(metric);
            Assert.False(isProven && !isValid, $"{file} #{perimeter.Id}: proven valid, IsValidOp refuses it");
            valid += isValid ? 1 : 0;
            proven += isProven ? 1 : 0;
        }

        Assert.True(proven >= valid * 0.9, $"{file}: {proven} proven of {valid} valid");
    }

    [Fact]
    public void RealRingsWithTwoVerticesSwapped_ProvenOnlyWhenValid()
    {
        // Test-only damage to the real IRIS (fixed seed): swapping two vertices mostly makes a ring cross itself.
        var random = new Random(20261202);
        int refused = 0, cases = 0;
        foreach (var perimeter in GeoData.Load(GeoData.Iris))
        {
            var metric = MetricGeometry.Project(perimeter.Geometry, MetricCrs.Lambert93);
            var shell = ((Polygon)metric.GetGeometryN(0)).Shell.Coordinates.Select(c => c.Copy()).ToArray();
            int n = shell.Length - 1;
            int i = random.Next(1, n), j = random.Next(1, n);
            (shell[i], shell[j]) = (shell[j], shell[i]);
            var damaged = metric.Factory.CreatePolygon(shell);
            bool isValid = new IsValidOp(damaged).IsValid;
            Assert.False(Proven(damaged) && !isValid, $"IRIS #{perimeter.Id} with vertices {i} and {j} swapped");
            refused += isValid ? 0 : 1;
            cases++;
        }

        Assert.True(refused > cases / 2, $"{refused} of {cases} damaged rings invalid: the test must exercise invalid rings");
    }

    [Theory]
    [InlineData("POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))", "bow-tie")]
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 10 5, 10 12, 0 10, 0 0))", "spike folding back along an edge")]
    [InlineData("POLYGON ((0 0, 10 0, 5 0, 0 0))", "collinear ring")]
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (20 20, 30 20, 30 30, 20 20))", "hole outside its shell")]
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (1 1, 9 1, 9 9, 1 9, 1 1), (2 2, 8 2, 8 8, 2 8, 2 2))", "hole inside a hole")]
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (-1 1, 5 1, 5 5, -1 5, -1 1))", "hole crossing its shell")]
    [InlineData("MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((5 5, 15 5, 15 15, 5 15, 5 5)))", "overlapping parts")]
    [InlineData("MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((2 2, 8 2, 8 8, 2 8, 2 2)))", "part inside another part")]
    [InlineData("MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((10 0, 20 0, 20 10, 10 10, 10 0)))", "parts sharing an edge")]
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 5 0, 0 10, 0 0))", "ring touching itself at a vertex")]
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 5 10, 5 15, 5 12, 4 10, 0 10, 0 0))", "vertical spike folding back")]
    [InlineData("POLYGON ((0 0, 2e-200 2e-200, 1e-200 1e-200, 0 0))", "collinear ring whose products underflow")]
    [InlineData("POLYGON ((0 0, 6 6, 2 8, 8 2, 0 12, 0 0))", "ring crossing itself between two runs of growing x")]
    [InlineData("POLYGON ((0 0, 4 0, 4 8, 6 8, 6 0, 10 0, 10 10, 5 10, 5 -2, 0 10, 0 0))", "vertical edge crossing a run of falling x")]
    // The hole's first vertex lies 1 % outside the shell's edge y = x / 3; shifted to the zone's centre (3000, 1000) it
    // would round to 7 % inside it, and the hole would be proven valid: the proof must judge it unshifted.
    [InlineData("POLYGON ((0 0, 6000 0, 6000 2000, 0 0), (1.637e-12 5.5e-13, 1000 100, 1000 200, 1.637e-12 5.5e-13))", "hole crossing its shell by less than the shift would round")]
    public void InvalidGeometries_AreNotProven(string wkt, string what)
    {
        var geometry = Wkt.Read(wkt);
        Assert.False(new IsValidOp(geometry).IsValid, $"{what}: the case must be invalid");
        Assert.False(Proven(geometry), what);
    }

    [Theory]
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))", true, "square")]
    [InlineData("POLYGON ((0 0, 10 0, 10 0, 10 10, 10 10, 0 10, 0 0))", true, "repeated vertices")]
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (1 1, 4 1, 4 4, 1 4, 1 1), (6 6, 9 6, 9 9, 6 9, 6 6))", true, "two holes")]
    [InlineData("MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((20 0, 30 0, 30 10, 20 10, 20 0)))", true, "two parts apart")]
    [InlineData("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (0 0, 5 2, 2 5, 0 0))", false, "hole touching its shell at a vertex (left to IsValidOp)")]
    [InlineData("MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2)), ((4 4, 6 4, 6 6, 4 6, 4 4)))", false, "part inside another's hole (left to IsValidOp)")]
    public void ValidGeometries_ProvenWhenTheirRingsMeetNowhere(string wkt, bool expected, string what)
    {
        var geometry = Wkt.Read(wkt);
        Assert.True(new IsValidOp(geometry).IsValid, $"{what}: the case must be valid");
        Assert.Equal(expected, Proven(geometry));
    }

    [Theory]
    [MemberData(nameof(ShippedPolygonFiles))]
    public void RealRingsTouchingThemselves_AreNotProven(string file)
    {
        // Test-only damage (fixed seed): one vertex of the first ring moved onto the middle of another edge of the
        // ring, which then touches itself there — invalid, and only the edges' pairing can see it.
        var random = new Random(20261203);
        int cases = 0;
        foreach (var perimeter in GeoData.Load(file))
        {
            var metric = MetricGeometry.Project(perimeter.Geometry, MetricCrs.Lambert93);
            var shell = ((Polygon)metric.GetGeometryN(0)).Shell.Coordinates.Select(c => c.Copy()).ToArray();
            int n = shell.Length - 1;
            int k = random.Next(1, n - 1), m = (k + 2 + random.Next(n - 3)) % n;
            shell[k] = new Coordinate((shell[m].X + shell[m + 1].X) / 2, (shell[m].Y + shell[m + 1].Y) / 2);
            var touching = metric.Factory.CreatePolygon(shell);
            if (new IsValidOp(touching).IsValid)
            {
                continue;
            }

            Assert.False(Proven(touching), $"{file} #{perimeter.Id}: vertex {k} moved onto edge {m}, proven valid");
            cases++;
        }

        Assert.True(cases > 0, $"{file}: no invalid case made");
    }

    [Fact]
    public void RingsWhoseEdgesLieUnitsInTheLastPlaceApart_ProvenOnlyWhenValid()
    {
        // Test-only rings about the origin (so the proof's shift keeps every bit): one side at x = −1000, the other a
        // run down in y whose x are 1000 plus 0 to 15 units in the last place (every other ring mirrored), so that
        // edges' least x often differ only in the lowest bits of their sort keys. Two of its vertices swapped (fixed
        // seed) mostly make the ring cross.
        var random = new Random(20261223);
        var factory = new GeometryFactory();
        double unit = Math.BitIncrement(1000.0) - 1000.0;
        int proven = 0, refused = 0;
        for (int c = 0; c < 2000; c++)
        {
            int n = random.Next(4, 24);
            var run = Enumerable.Range(0, n).Select(k => new Coordinate(1000 + (random.Next(16) * unit), 2 * (n - k))).ToArray();
            if (c % 4 != 0)
            {
                int i = random.Next(n), j = random.Next(n);
                (run[i], run[j]) = (run[j], run[i]);
            }

            var ring = factory.CreatePolygon([new(-1000, 0), new(-1000, (2 * n) + 2), .. run, new(-1000, 0)]);
            if (c % 2 == 1)
            {
                // Mirrored: the run at x = −1000 less units in the last place, so that negative keys are cut too.
                ring = (Polygon)ring.Reverse();
                ring.Apply(new NetTopologySuite.Geometries.Utilities.AffineTransformation(-1, 0, 0, 0, 1, 0));
            }

            bool isValid = new IsValidOp(ring).IsValid;
            bool isProven = Proven(ring);
            Assert.False(isProven && !isValid, $"case {c}: proven valid, IsValidOp refuses {ring}");
            proven += isProven ? 1 : 0;
            refused += isValid ? 0 : 1;
        }

        Assert.True(proven > 200 && refused > 200, $"{proven} proven, {refused} invalid: the test must exercise both");
    }

    [Fact]
    public void NonFiniteCoordinate_IsNotProven()
    {
        var factory = new GeometryFactory();
        var ring = factory.CreatePolygon([new(0, 0), new(10, 0), new(double.NaN, 5), new(10, 10), new(0, 10), new(0, 0)]);
        Assert.False(Proven(ring));
    }

    /// <summary>
    /// The proof of <paramref name="geometry"/>, asserted the same both ways of pairing edges and by the public entry:
    /// every pair up to four times the edges the service pairs so (beyond, the pairing is quadratic and both calls take
    /// the chains), where the machine has 256-bit vectors (without them both take the chains).
    /// </summary>
    private static bool Proven(Geometry geometry)
    {
        var rings = FlatRings.Of(geometry);
        bool chains = PolygonValidity.IsProvenValid(rings, pairwiseUpTo: 0);
        Assert.Equal(chains, PolygonValidity.IsProvenValid(rings, pairwiseUpTo: 4 * PolygonValidity.MaxPairwiseEdges));
        Assert.Equal(chains, PolygonValidity.IsProvenValid(geometry));
        return chains;
    }
}
