using System.Globalization;
using Geographie.Domain.Geography;
using Geographie.Spatial.Areas;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Valid;

namespace Geographie.Domain.Overlaps;

/// <summary>
/// Turns a caller's geometry into a <see cref="Zone"/>, or says what is wrong with it. Pure and thread-safe.
/// </summary>
/// <remarks>
/// Refused: no geometry, an empty or non-polygonal one, coordinates outside France (<see cref="FranceExtent"/>), a zone
/// whose envelope spans two metric CRS (metropolitan France and an overseas territory: the areas would be measured
/// in two incompatible planes). Invalid geometries (self-intersections, overlapping parts, holes outside their shell) are
/// repaired with NTS <see cref="GeometryFixer"/> and the repair is reported.
/// </remarks>
public static class ZoneValidator
{
    /// <summary>Validates <paramref name="wgs84"/>; returns null and the fault in <paramref name="problem"/> when refused.</summary>
    public static Zone? Validate(string id, Geometry? wgs84, out string? problem)
    {
        problem = Fault(wgs84);
        if (problem is not null)
        {
            return null;
        }

        string? repair = null;
        var geometry = wgs84!;
        var validity = new IsValidOp(geometry);
        if (!validity.IsValid)
        {
            var error = validity.ValidationError;
            var fixedGeometry = GeometryFixer.Fix(geometry);
            if (fixedGeometry is not (Polygon or MultiPolygon) || fixedGeometry.IsEmpty)
            {
                problem = $"invalid geometry that cannot be repaired into an area: {error.Message} at {Where(error.Coordinate)}";
                return null;
            }

            repair = $"repaired: {error.Message} at {Where(error.Coordinate)}";
            geometry = fixedGeometry;
        }

        var crs = MetricGeometry.CrsOf(geometry.EnvelopeInternal)!.Value;
        return new Zone(id, geometry, MetricGeometry.Project(geometry, crs), crs, repair);
    }

    private static string? Fault(Geometry? geometry)
    {
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

        var envelope = geometry.EnvelopeInternal;
        if (!double.IsFinite(envelope.MinX) || !double.IsFinite(envelope.MinY) || !double.IsFinite(envelope.MaxX) || !double.IsFinite(envelope.MaxY)
            || !FranceExtent.Contains(envelope.MinX, envelope.MinY) || !FranceExtent.Contains(envelope.MaxX, envelope.MaxY))
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"coordinates outside France (lon {envelope.MinX:0.#####}..{envelope.MaxX:0.#####}, lat {envelope.MinY:0.#####}..{envelope.MaxY:0.#####}); accepted: {FranceExtent.Description}");
        }

        return MetricGeometry.CrsOf(envelope) is null
            ? "the zone spans two territories with different metric CRS (metropolitan France and overseas): send one zone per territory"
            : null;
    }

    private static string Where(Coordinate? c) =>
        c is null ? "an unknown place" : string.Create(CultureInfo.InvariantCulture, $"({c.X:0.######}, {c.Y:0.######})");
}
