namespace Geographie.Domain.Eligibility;

/// <summary>Bounds on the optional distances of a request, and how far the nearest QPV is searched.</summary>
public sealed record EligibilityLimits
{
    /// <summary>Largest accepted <c>near_distance_m</c> and <c>position_uncertainty_m</c>.</summary>
    public double MaxBandM { get; init; } = 10_000;

    /// <summary>How far the nearest QPV boundary is searched for <c>distance_m</c> when no band asks for more.</summary>
    public double NearestSearchM { get; init; } = 5_000;
}
