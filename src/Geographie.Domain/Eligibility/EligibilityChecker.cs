using Geographie.Domain.Geography;
using Geographie.Domain.Snapshots;

namespace Geographie.Domain.Eligibility;

/// <summary>
/// Decides the status of a point against one snapshot. Thread-safe (the snapshot is immutable).
/// </summary>
/// <remarks>
/// In order: covered by a perimeter → INSIDE, or UNCERTAIN when the boundary is within the position uncertainty;
/// outside but the nearest boundary within the uncertainty → UNCERTAIN, within the near distance → NEAR; then, unless
/// every perimeter of the edition is loaded, a point in or within the bands of a commune whose register QPV lack
/// perimeters → UNKNOWN, a point in no shipped commune outline → UNKNOWN; otherwise OUTSIDE.
/// </remarks>
public sealed class EligibilityChecker(EligibilityLimits limits)
{
    /// <summary>The limits in force.</summary>
    public EligibilityLimits Limits { get; } = limits;

    /// <summary>Checks one request; invalid input becomes an INVALID result with its reason.</summary>
    public EligibilityResult Check(GeographySnapshot snapshot, in EligibilityRequest request)
    {
        var problem = RequestValidator.TryResolve(request, Limits, out var resolved);
        return problem is null ? Check(snapshot, resolved) : EligibilityResult.Invalid($"{problem.Field}: {problem.Message}");
    }

    /// <summary>Checks a request already resolved by <see cref="RequestValidator"/>.</summary>
    public EligibilityResult Check(GeographySnapshot snapshot, in RequestValidator.Resolved request)
    {
        var r = request;
        var edition = snapshot.Edition(r.Geography);
        var index = edition.Perimeters;
        Span<int> hits = stackalloc int[8];
        if (index.FindCovering(r.Lon, r.Lat, hits) > 0)
        {
            var quartier = edition.WithPerimeter[hits[0]];
            var toBoundary = index.DistanceToBoundary(hits[0], r.Lon, r.Lat);
            return toBoundary <= r.UncertaintyM && r.UncertaintyM > 0
                ? Answer(EligibilityStatus.Uncertain, $"inside {quartier.Code}, {Metres(toBoundary)} from its boundary, within the position uncertainty of {Metres(r.UncertaintyM)}", quartier, null, toBoundary)
                : Answer(EligibilityStatus.Inside, $"inside {quartier.Code} {quartier.Name}", quartier, null, toBoundary);
        }

        var band = Math.Max(r.NearM, r.UncertaintyM);
        var nearestFound = index.TryFindNearestBoundary(r.Lon, r.Lat, Math.Max(band, Limits.NearestSearchM), out var nearestId, out var distance);
        var nearest = nearestFound ? edition.WithPerimeter[nearestId] : null;
        double? reported = nearestFound ? distance : null;
        if (nearest is not null && distance <= r.UncertaintyM)
        {
            return Answer(EligibilityStatus.Uncertain, $"outside, {Metres(distance)} from {nearest.Code}, within the position uncertainty of {Metres(r.UncertaintyM)}", null, nearest, reported);
        }
        if (nearest is not null && distance <= r.NearM)
        {
            return Answer(EligibilityStatus.Near, $"outside, {Metres(distance)} from {nearest.Code} {nearest.Name} (near distance {Metres(r.NearM)})", null, nearest, reported);
        }
        if (!edition.IsComplete)
        {
            var unknown = UnknownReason(snapshot, edition, r.Lon, r.Lat, band);
            if (unknown is not null)
            {
                return Answer(EligibilityStatus.Unknown, unknown, null, nearest, reported);
            }
        }
        return Answer(EligibilityStatus.Outside,
            nearest is null ? $"outside every QPV of {r.Geography.Code} (none within {Metres(Limits.NearestSearchM)})" : $"outside, {Metres(distance)} from {nearest.Code}",
            null, nearest, reported);

        EligibilityResult Answer(EligibilityStatus status, string reason, Quartiers.Quartier? quartier, Quartiers.Quartier? near, double? metres) =>
            new(status, reason, r.Geography, quartier, near, metres is { } m ? Math.Round(m, 3) : null, r.Lon, r.Lat);
    }

    private static string? UnknownReason(GeographySnapshot snapshot, EditionData edition, double lon, double lat, double band)
    {
        Span<int> hits = stackalloc int[8];
        if (edition.UnknownZones.FindCovering(lon, lat, hits) > 0)
        {
            var commune = edition.UnknownCommunes[hits[0]];
            var missing = edition.InCommune(commune.Insee).Count(q => !q.HasPerimeter);
            return $"{commune.Name} ({commune.Insee}) has {missing} QPV in the {edition.Version.Code} register whose perimeters are not loaded";
        }
        if (band > 0 && edition.UnknownZones.TryFindNearestBoundary(lon, lat, band, out var zone, out var distance))
        {
            var commune = edition.UnknownCommunes[zone];
            return $"{commune.Name} ({commune.Insee}), {Math.Round(distance)} m away, has QPV whose perimeters are not loaded: the {Math.Round(band)} m band cannot be checked";
        }
        if (!edition.RegisterComplete)
        {
            return $"only {edition.WithPerimeter.Count} of the {edition.Version.ExpectedQuartierCount} {edition.Version.Code} perimeters are loaded and its register is not: a point outside them may still lie in a QPV";
        }
        if (snapshot.CommuneOutlines.FindCovering(lon, lat, hits) == 0)
        {
            return "this point lies outside the shipped commune outlines and the official perimeters are not loaded here";
        }
        return null;
    }

    private static string Metres(double metres) => $"{Math.Round(metres, 1)} m";
}
