using Geographie.Domain.Geography;
using Geographie.Domain.Snapshots;
using Geographie.Domain.Texts;

namespace Geographie.Domain.Eligibility;

/// <summary>
/// Decides the status of a point against one snapshot. Thread-safe (the snapshot is immutable).
/// </summary>
/// <remarks>
/// In order: covered by a perimeter → INSIDE, or UNCERTAIN when the boundary is within the position uncertainty;
/// outside but a loaded boundary within the uncertainty → UNCERTAIN, within the near distance → NEAR; then, unless
/// every perimeter of the edition is loaded, a point in or within the bands of a commune whose register QPV lack
/// perimeters, or in no shipped commune outline, or of an edition whose register is incomplete → UNKNOWN (without a
/// distance: the nearest QPV may be a missing one); otherwise OUTSIDE, with the distance to the nearest boundary
/// within <see cref="EligibilityLimits.NearestSearchM"/> unless a commune with missing perimeters is closer.
/// </remarks>
public sealed class EligibilityChecker(EligibilityLimits limits)
{
    /// <summary>The limits in force.</summary>
    public EligibilityLimits Limits { get; } = limits;

    /// <summary>Every answer given through <see cref="Check(GeographySnapshot, in EligibilityRequest, Language)"/>, by status and edition.</summary>
    public AnswerCounts Answers { get; } = new();

    /// <summary>
    /// Checks one request, its reason in <paramref name="language"/>; invalid input becomes an INVALID result with
    /// its reason. Counted in <see cref="Answers"/>.
    /// </summary>
    public EligibilityResult Check(GeographySnapshot snapshot, in EligibilityRequest request, Language language = Language.French)
    {
        var problem = RequestValidator.TryResolve(request, Limits, out var resolved);
        if (problem is not null)
        {
            var invalid = EligibilityResult.Invalid(problem.Describe(language));
            Answers.Add(invalid.Status, invalid.Geography);
            return invalid;
        }
        return Check(snapshot, resolved, language);
    }

    /// <summary>
    /// Checks a request already resolved by <see cref="RequestValidator"/>, its reason in <paramref name="language"/>
    /// (an edge that must answer a bad request with its own error resolves first, then comes here: one resolution per
    /// request). Counted in <see cref="Answers"/>.
    /// </summary>
    public EligibilityResult Check(GeographySnapshot snapshot, in RequestValidator.Resolved request, Language language = Language.French)
    {
        var result = Decide(snapshot, request, language);
        Answers.Add(result.Status, result.Geography);
        return result;
    }

    /// <summary>
    /// <see cref="Check(GeographySnapshot, in RequestValidator.Resolved, Language)"/> without counting: for
    /// <see cref="EligibilityBatch"/>, which tallies its answers and adds the tally to <see cref="Answers"/> once.
    /// </summary>
    internal EligibilityResult Decide(GeographySnapshot snapshot, in RequestValidator.Resolved request, Language language)
    {
        // Read once: the request is passed by reference and the spatial calls between its uses are not inlined.
        double lon = request.Lon, lat = request.Lat, nearM = request.NearM, uncertaintyM = request.UncertaintyM;
        var geography = request.Geography;
        var edition = snapshot.Edition(geography);
        var reasons = edition.Reasons(language);
        var index = edition.Perimeters;
        Span<int> hits = stackalloc int[1];
        if (index.FindCovering(lon, lat, hits) > 0)
        {
            var id = hits[0];
            var toBoundary = index.DistanceToBoundary(id, lon, lat);
            return toBoundary <= uncertaintyM && uncertaintyM > 0
                ? Answer(EligibilityStatus.Uncertain, reasons.UncertainInside(id), geography, edition.WithPerimeterAt(id), null, toBoundary)
                : Answer(EligibilityStatus.Inside, reasons.Inside(id), geography, edition.WithPerimeterAt(id), null, toBoundary);
        }

        var band = Math.Max(nearM, uncertaintyM);
        // One search answers both the band and distance_m: the nearest boundary within the larger radius is the one
        // within the band whenever any is.
        var found = index.TryFindNearestBoundary(lon, lat, Math.Max(band, Limits.NearestSearchM), out var nearestId, out var distance);
        if (found && band > 0 && distance <= band)
        {
            var near = edition.WithPerimeterAt(nearestId);
            return distance <= uncertaintyM
                ? Answer(EligibilityStatus.Uncertain, reasons.UncertainOutside(nearestId), geography, null, near, distance)
                : Answer(EligibilityStatus.Near, reasons.Near(nearestId), geography, null, near, distance);
        }
        if (edition.IsComplete)
        {
            return found
                ? Answer(EligibilityStatus.Outside, reasons.Outside(nearestId), geography, null, edition.WithPerimeterAt(nearestId), distance)
                : Answer(EligibilityStatus.Outside, reasons.OutsideAll, geography, null, null, null);
        }
        if (UnknownReason(snapshot, edition, reasons, lon, lat, band) is { } unknown)
        {
            // No distance: the nearest QPV may be one whose perimeter is missing. The nearest loaded one is given
            // apart, with the other geographies that have perimeters here.
            var elsewhere = snapshot.LoadedElsewhere.Find(geography, lon, lat, Limits.NearestSearchM);
            return Answer(EligibilityStatus.Unknown, unknown, geography, null, null, null) with
            {
                NearestLoaded = found ? edition.WithPerimeterAt(nearestId) : null,
                NearestLoadedM = found ? Math.Round(distance, 3) : null,
                LoadedHere = snapshot.LoadedElsewhere.Versions(elsewhere),
                Hint = snapshot.LoadedElsewhere.Hint(elsewhere, language),
            };
        }
        // Outside in an incomplete edition: the distance is given only when no commune with missing perimeters is closer.
        return found && !edition.UnknownZones.TryFindNearestBoundary(lon, lat, distance, out _, out _)
            ? Answer(EligibilityStatus.Outside, reasons.Outside(nearestId), geography, null, edition.WithPerimeterAt(nearestId), distance)
            : Answer(EligibilityStatus.Outside, reasons.OutsideAll, geography, null, null, null);
    }

    private static EligibilityResult Answer(
        EligibilityStatus status, string reason, GeographyVersion geography, Quartiers.Quartier? quartier, Quartiers.Quartier? near, double? metres) =>
        new(status, reason, geography, quartier, near, metres is { } m ? Math.Round(m, 3) : null);

    private static string? UnknownReason(GeographySnapshot snapshot, EditionData edition, ReasonTexts reasons, double lon, double lat, double band)
    {
        Span<int> hits = stackalloc int[8];
        if (edition.UnknownZones.FindCovering(lon, lat, hits) > 0)
        {
            return reasons.UnknownIn(hits[0]);
        }
        if (band > 0 && edition.UnknownZones.TryFindNearestBoundary(lon, lat, band, out var zone, out _))
        {
            return reasons.UnknownNear(zone);
        }
        if (!edition.RegisterComplete)
        {
            return reasons.UnknownIncomplete;
        }
        return snapshot.CommuneOutlines.FindCovering(lon, lat, hits) == 0 ? reasons.UnknownNoCommune : null;
    }
}
