using Geographie.Domain.Overlaps;
using Geographie.Domain.Texts;
using Geographie.Spatial;
using Geographie.Spatial.Areas;
using NetTopologySuite.Geometries;

namespace Geographie.Domain.Tests.Overlaps;

/// <summary><see cref="ZoneValidator"/> on real commune outlines given a test-only hole that reaches out of France.</summary>
public sealed class ZoneValidatorTests
{
    /// <summary>Villeurbanne, whose real outline is loaded with the shipped data.</summary>
    private const string Villeurbanne = "69266";

    [Theory]
    [InlineData(95.0, "past the north pole (its vertices do not project)")]
    [InlineData(60.0, "in the North Sea")]
    public void HoleOutsideFrance_IsRefusedAsOutsideFrance(double latitude, string where)
    {
        var outline = (Polygon)ShippedSnapshot.Value.OutlinedCommunes.Single(c => c.Insee == Villeurbanne).Outline!.GetGeometryN(0);
        var factory = outline.Factory;
        var centre = outline.Centroid.Coordinate;
        var hole = factory.CreateLinearRing([new(centre.X, latitude), new(centre.X + 0.001, centre.Y), new(centre.X, centre.Y + 0.001), new(centre.X, latitude)]);
        var zone = factory.CreatePolygon(outline.Shell, [hole]);

        Assert.Null(ZoneValidator.Validate("shared", zone, Language.English, out var shared));
        Assert.StartsWith("coordinates outside France", shared);
        Assert.Null(ZoneValidator.Adopt("handed over", (Geometry)zone.Copy(), lambert93: false, Language.French, out var handedOver));
        Assert.True(handedOver?.StartsWith("coordonnées hors de France", StringComparison.Ordinal), $"{where}: {handedOver}");
    }

    [Fact]
    public void HoleOutsideFrance_InLambert93_IsRefusedAsOutsideFrance()
    {
        var outline = (Polygon)ShippedSnapshot.Value.OutlinedCommunes.Single(c => c.Insee == Villeurbanne).Outline!.GetGeometryN(0);
        var metric = (Polygon)MetricGeometry.Project(outline, MetricCrs.Lambert93);
        var factory = metric.Factory;
        var centre = metric.Centroid.Coordinate;

        // A test-only hole reaching 2,000 km north of Villeurbanne, in the sea past Norway.
        var hole = factory.CreateLinearRing([new(centre.X, centre.Y + 2_000_000), new(centre.X + 100, centre.Y), new(centre.X, centre.Y + 100), new(centre.X, centre.Y + 2_000_000)]);
        Assert.Null(ZoneValidator.Adopt("metres", factory.CreatePolygon(metric.Shell, [hole]), lambert93: true, Language.English, out var problem));
        Assert.StartsWith("coordinates outside France", problem);

        // Without the hole, the same shell is a zone: the refusal is the hole's.
        Assert.NotNull(ZoneValidator.Adopt("shell", factory.CreatePolygon(metric.Shell), lambert93: true, Language.English, out problem));
        Assert.Null(problem);
    }
}
