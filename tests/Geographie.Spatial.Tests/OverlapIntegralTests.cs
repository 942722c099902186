using Geographie.Spatial.Areas;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;

namespace Geographie.Spatial.Tests;

/// <summary>
/// The boundary integral behind <see cref="OverlapIndex.Measure(NetTopologySuite.Geometries.Geometry, Geographie.Spatial.MetricCrs, bool)"/> against the overlay it replaced, kept as the oracle
/// (the pieces' geometries are built by OverlayNG when asked for): the same areas to a square millimetre, on the real
/// Lyon perimeters and Rhône communes and on test-only transforms of them built to be degenerate for a boundary
/// integral — a zone equal to a perimeter, copies sharing vertices and collinear edges, a zone whose hole is a
/// perimeter (the whole boundary shared), neighbours that only touch.
/// </summary>
public sealed class OverlapIntegralTests
{
    private static readonly OverlapIndex Lyon = new(GeoData.Load(GeoData.QpvLyon));

    [Fact]
    public void RhoneCommunes_IntegralEqualsOverlay()
    {
        var communes = GeoData.Load("admin/communes_69.geojson");
        int pieces = 0;
        foreach (var commune in communes)
        {
            pieces += AssertSameAreas(MetricGeometry.Project(commune.Geometry, MetricCrs.Lambert93), $"commune {commune.Id}");
        }

        Assert.True(pieces >= 37, $"{pieces} pieces");
    }

    [Fact]
    public void DegenerateCopiesOfTheLyonPerimeters_IntegralEqualsOverlay()
    {
        // Test-only transforms of the real perimeters (metric copies), never data.
        int pieces = 0;
        for (int id = 0; id < Lyon.Count; id++)
        {
            var perimeter = Lyon.MetricGeometryOf(id);
            var shell = ((Polygon)perimeter.GetGeometryN(0)).Shell.Coordinates;

            // Moved along its own first edge: the copy's first vertex falls exactly on the original's second one.
            double dx = shell[1].X - shell[0].X, dy = shell[1].Y - shell[0].Y;
            var alongEdge = AffineTransformation.TranslationInstance(dx, dy).Transform(perimeter);

            // Moved by its own width: the copy touches the original at most along its extreme vertices.
            var env = perimeter.EnvelopeInternal;
            var beside = AffineTransformation.TranslationInstance(env.Width, 0).Transform(perimeter);

            // A box around it with the perimeter as a hole: the whole boundary shared, the interiors apart.
            var box = perimeter.Factory.ToGeometry(new Envelope(env.MinX - 50, env.MaxX + 50, env.MinY - 50, env.MaxY + 50));
            var withHole = box.Difference(perimeter);

            pieces += AssertSameAreas(perimeter, $"perimeter {id} itself");
            pieces += AssertSameAreas(alongEdge, $"perimeter {id} moved along its first edge");
            pieces += AssertSameAreas(beside, $"perimeter {id} moved by its width");
            pieces += AssertSameAreas(withHole, $"box around perimeter {id}");
            pieces += AssertSameAreas(perimeter.Union(alongEdge), $"perimeter {id} and its moved copy");
        }

        Assert.True(pieces >= 3 * Lyon.Count, $"{pieces} pieces");
    }

    [Fact]
    public void AZoneEqualToAPerimeter_IsThatPerimeterOnly_AndAHoleAroundItMeetsNothingOfIt()
    {
        for (int id = 0; id < Lyon.Count; id++)
        {
            var perimeter = Lyon.MetricGeometryOf(id);
            var itself = Lyon.Measure(perimeter, MetricCrs.Lambert93);
            var piece = Assert.Single(itself.Pieces, p => p.Id == id);
            Assert.Equal(Lyon.AreaOf(id), piece.AreaM2, 1e-3);

            var env = perimeter.EnvelopeInternal;
            var box = perimeter.Factory.ToGeometry(new Envelope(env.MinX - 50, env.MaxX + 50, env.MinY - 50, env.MaxY + 50));
            Assert.DoesNotContain(Lyon.Measure(box.Difference(perimeter), MetricCrs.Lambert93).Pieces, p => p.Id == id);
        }
    }

    private static int AssertSameAreas(Geometry zone, string what)
    {
        var integral = Lyon.Measure(zone, MetricCrs.Lambert93);
        var overlay = Lyon.Measure(zone, MetricCrs.Lambert93, keepGeometry: true);
        var expected = overlay.Pieces.ToDictionary(p => p.Id, p => p.AreaM2);
        var actual = integral.Pieces.ToDictionary(p => p.Id, p => p.AreaM2);
        foreach (var id in expected.Keys.Union(actual.Keys))
        {
            double e = expected.GetValueOrDefault(id), a = actual.GetValueOrDefault(id);
            Assert.True(Math.Abs(e - a) <= Math.Max(2 * OverlapIndex.TouchingAreaM2, 1e-9 * e), $"{what} × {id}: overlay {e} m², integral {a} m²");
        }

        return expected.Count;
    }
}
