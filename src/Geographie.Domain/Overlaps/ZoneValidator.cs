using System.Globalization;
using Geographie.Domain.Geography;
using Geographie.Domain.Texts;
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
/// the plane the areas are measured in (as PostGIS measures <c>ST_Transform</c>ed geometries): by
/// <see cref="PolygonValidity"/> for the common zone whose rings meet nowhere, by NTS <see cref="IsValidOp"/> otherwise.
/// </remarks>
public static class ZoneValidator
{
    /// <summary>
    /// Validates <paramref name="wgs84"/>, which is left untouched (a shared geometry, such as a commune's outline);
    /// returns null and the fault in <paramref name="problem"/> (in <paramref name="language"/>) when refused.
    /// </summary>
    public static Zone? Validate(string id, Geometry? wgs84, Language language, out string? problem)
    {
        problem = Fault(wgs84, lambert93: false, language, out var crs);
        return problem is null ? Measurable(id, MetricGeometry.Project(wgs84!, crs), crs, language, out problem) : null;
    }

    /// <summary>
    /// Validates a geometry the caller hands over: WGS84 lon/lat, or Lambert-93 metres when <paramref name="lambert93"/>.
    /// A WGS84 geometry is projected in place, once, and validated (and repaired) in the plane where its areas are
    /// measured, so no vertex is projected twice. Returns null and the fault in <paramref name="problem"/> when refused;
    /// faults and the repair note are in <paramref name="language"/> (the geometry library's own words stay English).
    /// </summary>
    public static Zone? Adopt(string id, Geometry? geometry, bool lambert93, Language language, out string? problem)
    {
        problem = Fault(geometry, lambert93, language, out var crs);
        if (problem is not null)
        {
            return null;
        }

        if (lambert93)
        {
            geometry!.SRID = crs.Srid;
        }
        else
        {
            MetricGeometry.ProjectInPlace(geometry!, crs);
        }

        return Measurable(id, geometry!, crs, language, out problem);
    }

    /// <summary>
    /// Whether <paramref name="wgs84"/>, given as lon/lat, has a vertex (a hole's too) past ±180° or ±90°: metres sent without their
    /// CRS, most likely (the refusal then says how to declare Lambert-93).
    /// </summary>
    public static bool LooksProjected(Geometry wgs84)
    {
        var e = MetricGeometry.VertexEnvelope(wgs84);
        return Math.Abs(e.MinX) > 180 || Math.Abs(e.MaxX) > 180 || Math.Abs(e.MinY) > 90 || Math.Abs(e.MaxY) > 90;
    }

    /// <summary>The zone of <paramref name="metric"/>, proven valid or repaired; null and the fault when it cannot be repaired.</summary>
    private static Zone? Measurable(string id, Geometry metric, MetricCrs crs, Language language, out string? problem)
    {
        problem = null;

        // Read once: the validity proof and every index measuring the zone share the rings.
        var rings = FlatRings.Of(metric);
        var validity = PolygonValidity.IsProvenValid(rings) ? null : new IsValidOp(metric);
        if (validity is not { IsValid: false })
        {
            return new Zone(id, metric, crs, null) { Rings = rings };
        }

        var error = validity.ValidationError;
        var fixedGeometry = GeometryFixer.Fix(metric);
        if (fixedGeometry is not (Polygon or MultiPolygon) || fixedGeometry.IsEmpty)
        {
            problem = DomainTexts.Catalogue.Format(language, DomainText.ZoneNotRepairable, error.Message, Where(error.Coordinate, crs, language));
            return null;
        }

        return new Zone(id, fixedGeometry, crs, DomainTexts.Catalogue.Format(language, DomainText.ZoneRepaired, error.Message, Where(error.Coordinate, crs, language)));
    }

    private static string? Fault(Geometry? geometry, bool lambert93, Language language, out MetricCrs crs)
    {
        crs = MetricCrs.Lambert93;
        if (geometry is null)
        {
            return DomainTexts.Catalogue.Format(language, DomainText.ZoneNoGeometry);
        }

        if (geometry is not (Polygon or MultiPolygon))
        {
            return DomainTexts.Catalogue.Format(language, DomainText.ZoneNotArea, geometry.GeometryType);
        }

        if (geometry.IsEmpty)
        {
            return DomainTexts.Catalogue.Format(language, DomainText.ZoneEmpty);
        }

        // Every ring's: a hole reaching out of its shell (an invalid zone, repaired later) must lie in France too, since
        // past the pole its vertices do not project, and a ring of unprojectable vertices cannot even be built.
        var extent = MetricGeometry.VertexEnvelope(geometry);
        var envelope = lambert93 ? MetricGeometry.UnprojectCorners(extent, MetricCrs.Lambert93) : extent;
        if (!double.IsFinite(envelope.MinX) || !double.IsFinite(envelope.MinY) || !double.IsFinite(envelope.MaxX) || !double.IsFinite(envelope.MaxY)
            || !FranceExtent.Contains(envelope.MinX, envelope.MinY) || !FranceExtent.Contains(envelope.MaxX, envelope.MaxY))
        {
            static string Degrees(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);
            return DomainTexts.Catalogue.Format(language, DomainText.ZoneOutsideFrance,
                Degrees(envelope.MinX), Degrees(envelope.MaxX), Degrees(envelope.MinY), Degrees(envelope.MaxY), FranceExtent.Description);
        }

        var territory = MetricGeometry.CrsOf(envelope);
        if (territory is null)
        {
            return DomainTexts.Catalogue.Format(language, DomainText.ZoneTwoTerritories);
        }

        if (lambert93 && territory != MetricCrs.Lambert93)
        {
            return DomainTexts.Catalogue.Format(language, DomainText.ZoneLambert93Overseas);
        }

        crs = territory.Value;
        return null;
    }

    /// <summary>Where a fault lies, in lon/lat degrees as the caller most often sent it.</summary>
    private static string Where(Coordinate? c, MetricCrs crs, Language language)
    {
        if (c is null)
        {
            return DomainTexts.Catalogue.Format(language, DomainText.ZoneUnknownPlace);
        }

        crs.Unproject(c.X, c.Y, out var lon, out var lat);
        return string.Create(CultureInfo.InvariantCulture, $"({lon:0.######}, {lat:0.######})");
    }
}
