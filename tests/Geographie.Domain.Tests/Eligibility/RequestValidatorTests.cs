using Geographie.Domain.Eligibility;
using Geographie.Domain.Geography;

namespace Geographie.Domain.Tests.Eligibility;

public sealed class RequestValidatorTests
{
    private static readonly EligibilityLimits Limits = new();

    [Fact]
    public void A_date_picks_the_edition_in_force_that_day()
    {
        var before = RequestValidator.TryResolve(new EligibilityRequest(4.85, 45.75, Date: new DateOnly(2020, 6, 1)), Limits, out var old);
        var after = RequestValidator.TryResolve(new EligibilityRequest(4.85, 45.75, Date: new DateOnly(2025, 6, 1)), Limits, out var current);

        Assert.Null(before);
        Assert.Null(after);
        Assert.Equal(GeographyVersions.Qpv2015, old.Geography);
        Assert.Equal(GeographyVersions.Qpv2024, current.Geography);
    }

    [Fact]
    public void A_geography_and_a_date_together_are_refused_on_the_date()
    {
        var problem = RequestValidator.TryResolve(
            new EligibilityRequest(4.85, 45.75, Geography: "qpv2024", Date: new DateOnly(2025, 6, 1)), Limits, out _);

        Assert.Equal("date", problem?.Field);
    }

    [Fact]
    public void A_band_wider_than_the_limit_is_refused_on_its_field()
    {
        var problem = RequestValidator.TryResolve(new EligibilityRequest(4.85, 45.75, NearDistanceM: Limits.MaxBandM + 1), Limits, out _);

        Assert.Equal("near_distance_m", problem?.Field);
    }

    [Fact]
    public void Both_coordinate_systems_at_once_are_refused()
    {
        var problem = RequestValidator.TryResolve(new EligibilityRequest(4.85, 45.75, X: 842_000, Y: 6_519_000), Limits, out _);

        Assert.NotNull(problem);
    }
}
