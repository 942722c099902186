using System.Globalization;
using Geographie.Domain.Geography;
using Geographie.Spatial;
using Geographie.Spatial.Areas;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Valid;

namespace Geographie.Domain.Overlaps;

/// <summary>
/// Turns a caller's geometry into a <see cref="Zone"/>, or says what is wrong with it. Thread-safe.
/// </summary>
/// <remarks>
/// Refused: no geometry, an empty or non-polygonal one, coordinates outside France (<see cref="FranceExtent"/>), a zone
/// whose envelope spans two metric CRS (metropolitan France and an overseas territory: the areas would be measured
/// in two incompatible planes). Invalid geometries (self-intersections, overlapping parts, holes outside their shell) are
/// repaired with NTS <see cref="GeometryFixer"/> and the repair is reported. Validity is judged in the metric CRS,
/// the plane the areas are measured in (as PostGIS measures <c>ST_Transform</c>ed geometries).
/// </remarks>
public static class ZoneValidator
{
    /// <summary>
    /// Validates <paramref name="wgs84"/>, which is left untouched (a shared geometry, such as a commune's outline);
    /// returns null and the fault in <paramref name="problem"/> when refused.
    /// </summary>
    public static Zone? Validate(string id, Geometry? wgs84, out string? problem) => Adopt(id, wgs84?.Copy(), lambert93: false, out problem);

    /// <summary>
    /// Validates a geometry the caller hands over: WGS84 lon/lat, or Lambert-93 metres when <paramref name="lambert93"/>.
    /// A WGS84 geometry is projected in place, once, and validated (and repaired) in the plane where its areas are
    /// measured, so no vertex is projected twice. Returns null and the fault in <paramref name="problem"/> when refused.
    /// </summary>
    public static Zone? Adopt(string id, Geometry? geometry, bool lambert93, out string? problem)
    {
        problem = Fault(geometry, lambert93, out var crs);
        if (problem is not null)
        {
            return null;
        }

        var metric = geometry!;
        if (lambert93)
        {
            metric.SRID = crs.Srid;
        }
        else
        {
            MetricGeometry.ProjectInPlace(metric, crs);
        }

        string? repair = null;
        var validity = new IsValidOp(metric);
        if (!validity.IsValid)
        {
            var error = validity.ValidationError;
            var fixedGeometry = GeometryFixer.Fix(metric);
            if (fixedGeometry is not (Polygon or MultiPolygon) || fixedGeometry.IsEmpty)
            {
                problem = $"invalid geometry that cannot be repaired into an area: {error.Message} at {Where(error.Coordinate, crs)}";
                return null;
            }

            repair = $"repaired: {error.Message} at {Where(error.Coordinate, crs)}";
            metric = fixedGeometry;
        }

        return new Zone(id, metric, crs, repair);
    }

    private static string? Fault(Geometry? geometry, bool lambert93, out MetricCrs crs)
    {
        crs = MetricCrs.Lambert93;
        if (geometry is null)
        {
            return "no geometry";
        }

        if (geometry is not (Polygon or MultiPolygon))
        {
            return $"a {geometry.GeometryType} where a Polygon or MultiPolygon is expected";
        }

        if (geometry.IsEmpty)
        {
            return "empty geometry";
        }

        var envelope = lambert93 ? MetricGeometry.UnprojectCorners(geometry.EnvelopeInternal, MetricCrs.Lambert93) : geometry.EnvelopeInternal;
        if (!double.IsFinite(envelope.MinX) || !double.IsFinite(envelope.MinY) || !double.IsFinite(envelope.MaxX) || !double.IsFinite(envelope.MaxY)
            || !FranceExtent.Contains(envelope.MinX, envelope.MinY) || !FranceExtent.Contains(envelope.MaxX, envelope.MaxY))
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"coordinates outside France (lon {envelope.MinX:0.#####}..{envelope.MaxX:0.#####}, lat {envelope.MinY:0.#####}..{envelope.MaxY:0.#####}); accepted: {FranceExtent.Description}");
        }

        var territory = MetricGeometry.CrsOf(envelope);
        if (territory is null)
        {
            return "the zone spans two territories with different metric CRS (metropolitan France and overseas): send one zone per territory";
        }

        if (lambert93 && territory != MetricCrs.Lambert93)
        {
            return "Lambert-93 (EPSG:2154) coordinates that fall overseas; send an overseas zone in WGS84";
        }

        crs = territory.Value;
        return null;
    }

    /// <summary>Where a fault lies, in lon/lat degrees as the caller most often sent it.</summary>
    private static string Where(Coordinate? c, MetricCrs crs)
    {
        if (c is null)
        {
            return "an unknown place";
        }

        crs.Unproject(c.X, c.Y, out var lon, out var lat);
        return string.Create(CultureInfo.InvariantCulture, $"({lon:0.######}, {lat:0.######})");
    }
}
