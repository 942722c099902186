using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Geometries;

namespace Geographie.Spatial.Tests;

/// <summary>
/// Grid vs Scan on a country-sized sparse extent (the quartiers plus two translated copies, hundreds of km apart), so
/// the grid's size-driven splits of boundary cells and deep power-of-two sub-grids are exercised: uniform points in each
/// cluster's box, every vertex and every edge midpoint.
/// </summary>
public sealed class SparseExtentTests
{
    private static readonly Lazy<(Perimeter[] Perimeters, Envelope[] Clusters)> Data = new(Build);

    [Fact]
    public void UniformPointsPerCluster_GridAgreesWithScan()
    {
        (Perimeter[] perimeters, Envelope[] clusters) = Data.Value;
        PerimeterIndex grid = PerimeterIndex.Build(perimeters, IndexStrategy.Grid);
        PerimeterIndex scan = PerimeterIndex.Build(perimeters, IndexStrategy.Scan);
        const int perCluster = 100_000;
        var xs = new double[perCluster * clusters.Length];
        var ys = new double[xs.Length];
        for (int c = 0; c < clusters.Length; c++)
        {
            (double[] x, double[] y) = Parallel2.UniformPoints(clusters[c], perCluster, seed: 11 + c);
            x.CopyTo(xs, c * perCluster);
            y.CopyTo(ys, c * perCluster);
        }

        Compare(grid, scan, xs, ys);
    }

    [Fact]
    public void VerticesAndMidpoints_GridAgreesWithScan()
    {
        (Perimeter[] perimeters, _) = Data.Value;
        PerimeterIndex grid = PerimeterIndex.Build(perimeters, IndexStrategy.Grid);
        PerimeterIndex scan = PerimeterIndex.Build(perimeters, IndexStrategy.Scan);
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (Perimeter p in perimeters.Where(p => p.Id % 3 == 0))
        {
            Coordinate[] c = p.Geometry.Coordinates;
            for (int i = 0; i < c.Length; i++)
            {
                xs.Add(c[i].X);
                ys.Add(c[i].Y);
                if (i + 1 < c.Length)
                {
                    xs.Add((c[i].X + c[i + 1].X) / 2);
                    ys.Add((c[i].Y + c[i + 1].Y) / 2);
                }
            }
        }

        Compare(grid, scan, xs.ToArray(), ys.ToArray());
    }

    private static void Compare(PerimeterIndex grid, PerimeterIndex scan, double[] xs, double[] ys) =>
        Parallel2.Check(xs.Length, () => (A: new int[16], B: new int[16]), (s, i) =>
        {
            int na = grid.FindCovering(xs[i], ys[i], s.A), nb = scan.FindCovering(xs[i], ys[i], s.B);
            return s.A.AsSpan(0, na).SequenceEqual(s.B.AsSpan(0, nb))
                ? null
                : $"point #{i} ({xs[i]:R}, {ys[i]:R}): grid {Parallel2.Ids(s.A.AsSpan(0, na))} vs scan {Parallel2.Ids(s.B.AsSpan(0, nb))}";
        });

    private static (Perimeter[], Envelope[]) Build()
    {
        IReadOnlyList<Perimeter> quartiers = GeoData.Load(GeoData.Quartiers);
        (double DLon, double DLat)[] shifts = [(0, 0), (-5.95, 1.54), (2.3, 5.3)];
        var perimeters = new List<Perimeter>();
        var clusters = new List<Envelope>();
        foreach ((double dLon, double dLat) in shifts)
        {
            var env = new Envelope();
            foreach (Perimeter p in quartiers)
            {
                Geometry moved = AffineTransformation.TranslationInstance(dLon, dLat).Transform(p.Geometry);
                env.ExpandToInclude(moved.EnvelopeInternal);
                perimeters.Add(new Perimeter(perimeters.Count, moved));
            }

            clusters.Add(env);
        }

        return (perimeters.ToArray(), clusters.ToArray());
    }
}
