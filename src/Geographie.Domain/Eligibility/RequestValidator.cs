using Geographie.Domain.Geography;
using Geographie.Domain.Texts;
using Geographie.Spatial;

namespace Geographie.Domain.Eligibility;

/// <summary>
/// Checks one request and resolves it to a WGS84 point and an edition. Every problem names the field and says
/// exactly what is wrong (out of range, not a number, swapped axes, outside France, unknown geography…).
/// Thread-safe; allocates only for problems.
/// </summary>
public static class RequestValidator
{
    /// <summary>A valid request, resolved.</summary>
    public readonly record struct Resolved(double Lon, double Lat, GeographyVersion Geography, double NearM, double UncertaintyM);

    /// <summary>Resolves <paramref name="request"/>, or returns the first problem found.</summary>
    public static RequestProblem? TryResolve(in EligibilityRequest request, EligibilityLimits limits, out Resolved resolved)
    {
        resolved = default;
        var problem = Location(request, out var lon, out var lat)
            ?? Band(request.NearDistanceM, "near_distance_m", limits)
            ?? Band(request.PositionUncertaintyM, "position_uncertainty_m", limits);
        if (problem is not null)
        {
            return problem;
        }
        GeographyVersion? geography;
        if (request.Geography is { Length: > 0 } code)
        {
            if (request.Date is not null)
            {
                return new RequestProblem("date", DomainText.GeographyAndDate);
            }
            geography = GeographyVersions.Find(code);
            if (geography is null)
            {
                return new RequestProblem("geography", DomainText.UnknownGeography, code, string.Join(", ", GeographyVersions.All.Select(v => v.Code)));
            }
        }
        else if (request.Date is { } day)
        {
            geography = GeographyVersions.InForceOn(day, FranceExtent.IsOverseas(lon, lat));
            if (geography is null)
            {
                return new RequestProblem("date", DomainText.NoGeographyOnDate, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        else
        {
            geography = GeographyVersions.Default;
        }
        resolved = new Resolved(lon, lat, geography, request.NearDistanceM ?? 0, request.PositionUncertaintyM ?? 0);
        return null;
    }

    private static RequestProblem? Location(in EligibilityRequest r, out double lon, out double lat)
    {
        // Nearly every request: WGS84 inside a box of France, which also proves both numbers finite and in range.
        if (r is { Lon: { } givenLon, Lat: { } givenLat, X: null, Y: null } && FranceExtent.Contains(givenLon, givenLat))
        {
            (lon, lat) = (givenLon, givenLat);
            return null;
        }
        lon = lat = double.NaN;
        var wgs84 = r.Lon is not null || r.Lat is not null;
        var lambert = r.X is not null || r.Y is not null;
        if (wgs84 && lambert)
        {
            return new RequestProblem("location", DomainText.LocationBoth);
        }
        if (!wgs84 && !lambert)
        {
            return new RequestProblem("location", DomainText.LocationMissing);
        }
        if (lambert)
        {
            var problem = Finite(r.X, "x") ?? Finite(r.Y, "y");
            if (problem is not null)
            {
                return problem;
            }
            MetricCrs.Lambert93.Unproject(r.X!.Value, r.Y!.Value, out lon, out lat);
            return FranceExtent.Contains(lon, lat) && !FranceExtent.IsOverseas(lon, lat)
                ? null
                : new RequestProblem("location", DomainText.NotLambert93, r.X, r.Y);
        }
        var wgsProblem = Finite(r.Lon, "lon") ?? Finite(r.Lat, "lat");
        if (wgsProblem is not null)
        {
            return wgsProblem;
        }
        (lon, lat) = (r.Lon!.Value, r.Lat!.Value);
        if (lon is < -180 or > 180)
        {
            return new RequestProblem("lon", DomainText.OutOfRange, "lon", lon, -180, 180);
        }
        if (lat is < -90 or > 90)
        {
            return new RequestProblem("lat", DomainText.OutOfRange, "lat", lat, -90, 90);
        }
        if (!FranceExtent.Contains(lon, lat))
        {
            return FranceExtent.Contains(lat, lon)
                ? new RequestProblem("location", DomainText.AxesSwapped, lon, lat)
                : new RequestProblem("location", DomainText.OutsideFrance, lon, lat, FranceExtent.Description);
        }
        return null;
    }

    private static RequestProblem? Finite(double? value, string field) => value switch
    {
        null => new RequestProblem(field, DomainText.Missing, field),
        { } v when !double.IsFinite(v) => new RequestProblem(field, DomainText.NotFinite, field),
        _ => null,
    };

    private static RequestProblem? Band(double? value, string field, EligibilityLimits limits) =>
        value is not { } v || (double.IsFinite(v) && v >= 0 && v <= limits.MaxBandM)
            ? null
            : new RequestProblem(field, DomainText.BandOutOfRange, field, limits.MaxBandM);
}
