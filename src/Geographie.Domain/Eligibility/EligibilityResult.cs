using Geographie.Domain.Geography;
using Geographie.Domain.Quartiers;

namespace Geographie.Domain.Eligibility;

/// <summary>
/// The answer for one point. <see cref="Quartier"/> is the covering quartier (INSIDE, or UNCERTAIN inside);
/// <see cref="Nearest"/> the quartier whose boundary is nearest when the point is outside (within the search radius).
/// <see cref="DistanceM"/> is the distance to that boundary in metres (Lambert-93 in metropolitan France).
/// A value type, so that answering allocates nothing: the reason is one of the snapshot's precomputed texts.
/// UNKNOWN answers also carry, apart from the main fields (which stay empty: the nearest QPV may be a missing one),
/// <see cref="NearestLoaded"/> and <see cref="NearestLoadedM"/>: the nearest of the <em>loaded</em> perimeters only,
/// within the search radius; and <see cref="LoadedHere"/> with its <see cref="Hint"/>: the other geographies whose
/// perimeters are loaded at that point.
/// </summary>
public readonly record struct EligibilityResult(
    EligibilityStatus Status,
    string Reason,
    GeographyVersion? Geography,
    Quartier? Quartier,
    Quartier? Nearest,
    double? DistanceM,
    Quartier? NearestLoaded = null,
    double? NearestLoadedM = null,
    IReadOnlyList<GeographyVersion>? LoadedHere = null,
    string? Hint = null)
{
    /// <summary>An INVALID answer with its reason.</summary>
    public static EligibilityResult Invalid(string reason) => new(EligibilityStatus.Invalid, reason, null, null, null, null);
}
