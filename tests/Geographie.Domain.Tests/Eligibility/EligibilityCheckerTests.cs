using Geographie.Domain.Eligibility;
using Geographie.Domain.Geography;
using Geographie.Import.Files;
using Geographie.Import.Shipped;
using NetTopologySuite.Geometries;

namespace Geographie.Domain.Tests.Eligibility;

/// <summary>
/// The checker over the real shipped data: the Lyon 2015 perimeters (read a second time, straight from the file, as
/// the oracle) and the 2024 register without perimeters.
/// </summary>
public sealed class EligibilityCheckerTests
{
    private static readonly EligibilityChecker Checker = new(new EligibilityLimits());

    private static readonly IReadOnlyList<(string Code, Geometry Perimeter)> LyonPerimeters =
        GeoJsonFeatureReader.Read(Path.Combine(ShippedGeodata.Find(), "qpv2015/qpv2015_metropole_lyon.geojson")).Features
            .Select(f => (f.Attribute("CODE_QP")!, f.Geometry!))
            .ToArray();

    [Fact]
    public void The_interior_point_of_every_Lyon_perimeter_is_inside_that_quartier()
    {
        Assert.NotEmpty(LyonPerimeters);
        foreach (var (code, perimeter) in LyonPerimeters)
        {
            var inside = perimeter.InteriorPoint;
            var result = Checker.Check(ShippedSnapshot.Value, new EligibilityRequest(inside.X, inside.Y, Geography: "qpv2015"));

            Assert.Equal(EligibilityStatus.Inside, result.Status);
            Assert.Equal(code, result.Quartier!.Code);
        }
    }

    [Fact]
    public void Random_points_around_Lyon_agree_with_NetTopologySuite_covers()
    {
        var envelope = new Envelope();
        foreach (var (_, perimeter) in LyonPerimeters)
        {
            envelope.ExpandToInclude(perimeter.EnvelopeInternal);
        }
        var random = new Random(20261202);
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var inside = 0;
        for (var i = 0; i < 2_000; i++)
        {
            var point = factory.CreatePoint(new Coordinate(
                envelope.MinX + random.NextDouble() * envelope.Width, envelope.MinY + random.NextDouble() * envelope.Height));
            var covering = LyonPerimeters.Where(p => p.Perimeter.Covers(point)).Select(p => p.Code).ToArray();

            var result = Checker.Check(ShippedSnapshot.Value, new EligibilityRequest(point.X, point.Y, Geography: "qpv2015"));

            if (covering.Length > 0)
            {
                inside++;
                Assert.Equal(EligibilityStatus.Inside, result.Status);
                Assert.Contains(result.Quartier!.Code, covering);
            }
            else
            {
                Assert.NotEqual(EligibilityStatus.Inside, result.Status);
                Assert.Null(result.Quartier);
            }
        }
        Assert.True(inside > 0, "the sample must reach some perimeters to test anything");
    }

    [Theory]
    [InlineData(1_000, 3_000)]
    [InlineData(5_000, 8_000)]
    public void A_band_wider_than_the_search_radius_answers_as_one_search_as_wide_as_the_band(double searchM, double bandM)
    {
        // The checker searches within its radius first and beyond it only when nothing is there; the oracle searches
        // the whole band at once. Random points over the Lyon perimeters' box widened by 0.1°.
        var twoSteps = new EligibilityChecker(new EligibilityLimits { NearestSearchM = searchM });
        var oneSearch = new EligibilityChecker(new EligibilityLimits { NearestSearchM = bandM });
        var envelope = new Envelope();
        foreach (var (_, perimeter) in LyonPerimeters)
        {
            envelope.ExpandToInclude(perimeter.EnvelopeInternal);
        }
        envelope.ExpandBy(0.1);
        var random = new Random(20261202);
        var nearBeyondRadius = 0;
        for (var i = 0; i < 3_000; i++)
        {
            var request = new EligibilityRequest(envelope.MinX + random.NextDouble() * envelope.Width,
                envelope.MinY + random.NextDouble() * envelope.Height, Geography: "qpv2015", NearDistanceM: bandM);

            var answer = twoSteps.Check(ShippedSnapshot.Value, request);
            var expected = oneSearch.Check(ShippedSnapshot.Value, request);

            Assert.Equal((expected.Status, expected.Reason, expected.Quartier?.Code, expected.Nearest?.Code, expected.DistanceM, expected.NearestLoaded?.Code, expected.NearestLoadedM),
                (answer.Status, answer.Reason, answer.Quartier?.Code, answer.Nearest?.Code, answer.DistanceM, answer.NearestLoaded?.Code, answer.NearestLoadedM));
            nearBeyondRadius += answer.Status == EligibilityStatus.Near && answer.DistanceM > searchM ? 1 : 0;
        }
        Assert.True(nearBeyondRadius > 0, "some points must be near only beyond the search radius to test the second search");
    }

    [Fact]
    public void A_point_in_Marseille_is_unknown_in_2024_while_its_perimeters_are_not_loaded()
    {
        var marseille = ShippedSnapshot.Value.FindCommune("13055")!.Outline!.InteriorPoint;

        var result = Checker.Check(ShippedSnapshot.Value, new EligibilityRequest(marseille.X, marseille.Y));

        Assert.Equal(EligibilityStatus.Unknown, result.Status);
        Assert.Equal(GeographyVersions.Qpv2024, result.Geography);
    }

    [Fact]
    public void A_bad_request_is_invalid_with_the_field_named_and_is_counted()
    {
        var checker = new EligibilityChecker(new EligibilityLimits());

        var result = checker.Check(ShippedSnapshot.Value, new EligibilityRequest(4.85, 45.75, Geography: "qpv1999"));

        Assert.Equal(EligibilityStatus.Invalid, result.Status);
        Assert.StartsWith("geography:", result.Reason, StringComparison.Ordinal);
    }
}
