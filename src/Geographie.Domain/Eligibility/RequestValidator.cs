using Geographie.Domain.Geography;
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
                return new RequestProblem("date", "give a geography or a date, not both");
            }
            geography = GeographyVersions.Find(code);
            if (geography is null)
            {
                return new RequestProblem("geography", GeographyVersions.UnknownMessage(code));
            }
        }
        else if (request.Date is { } day)
        {
            geography = GeographyVersions.InForceOn(day, FranceExtent.IsOverseas(lon, lat));
            if (geography is null)
            {
                return new RequestProblem("date", $"no QPV geography was in force on {day:yyyy-MM-dd} here (the first took effect on 2015-01-01)");
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
        lon = lat = double.NaN;
        var wgs84 = r.Lon is not null || r.Lat is not null;
        var lambert = r.X is not null || r.Y is not null;
        if (wgs84 && lambert)
        {
            return new RequestProblem("location", "give either lon/lat (WGS84) or x/y (Lambert-93), not both");
        }
        if (!wgs84 && !lambert)
        {
            return new RequestProblem("location", "a location is required: lon and lat (WGS84 degrees) or x and y (Lambert-93 metres, EPSG:2154)");
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
                : new RequestProblem("location",
                    $"x {r.X} y {r.Y} is not a Lambert-93 position in metropolitan France (x about 100000..1250000, y about 6000000..7150000)");
        }
        var wgsProblem = Finite(r.Lon, "lon") ?? Finite(r.Lat, "lat");
        if (wgsProblem is not null)
        {
            return wgsProblem;
        }
        (lon, lat) = (r.Lon!.Value, r.Lat!.Value);
        if (lon is < -180 or > 180)
        {
            return new RequestProblem("lon", $"lon {lon} is out of range [-180, 180]");
        }
        if (lat is < -90 or > 90)
        {
            return new RequestProblem("lat", $"lat {lat} is out of range [-90, 90]");
        }
        if (!FranceExtent.Contains(lon, lat))
        {
            return new RequestProblem("location", FranceExtent.Contains(lat, lon)
                ? $"lon {lon}, lat {lat} lies outside France, but lon {lat}, lat {lon} would not: the axes look swapped (lon is the longitude, east; lat the latitude, north)"
                : $"lon {lon}, lat {lat} lies outside France; QPV exist only in {FranceExtent.Description}");
        }
        return null;
    }

    private static RequestProblem? Finite(double? value, string field) => value switch
    {
        null => new RequestProblem(field, $"{field} is missing"),
        { } v when !double.IsFinite(v) => new RequestProblem(field, $"{field} is not a finite number"),
        _ => null,
    };

    private static RequestProblem? Band(double? value, string field, EligibilityLimits limits) => value switch
    {
        null => null,
        { } v when !double.IsFinite(v) || v < 0 || v > limits.MaxBandM =>
            new RequestProblem(field, $"{field} must be a number of metres between 0 and {limits.MaxBandM}"),
        _ => null,
    };
}
