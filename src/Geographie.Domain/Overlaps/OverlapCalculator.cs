using Geographie.Domain.Geography;
using Geographie.Domain.Quartiers;
using Geographie.Domain.Snapshots;
using Geographie.Domain.Texts;
using Geographie.Spatial.Areas;

namespace Geographie.Domain.Overlaps;

/// <summary>
/// Measures zones against the QPV of one edition of a snapshot, and says when the answer cannot be whole.
/// Stateless and thread-safe.
/// </summary>
/// <remarks>
/// Completeness follows the eligibility rules: unless every perimeter of the edition is loaded, a zone is incomplete
/// when it covers part of a commune whose register quartiers lack perimeters (their codes are listed), when the
/// edition's register is not loaded whole, or when part of it lies outside every shipped commune outline (where the
/// register cannot be placed). A zone merely sharing an edge with such a commune is not affected.
/// </remarks>
public static class OverlapCalculator
{
    /// <summary>Relative slack when comparing a zone's area with the sum of its commune pieces (rounding of shared edges).</summary>
    private const double CoverageSlack = 1e-6;

    /// <summary>Measures <paramref name="zone"/> against the loaded perimeters of <paramref name="geography"/>.</summary>
    /// <param name="snapshot">The data.</param>
    /// <param name="geography">The edition.</param>
    /// <param name="zone">A validated zone.</param>
    /// <param name="language">The language of the completeness note.</param>
    /// <param name="withGeometry">Also build each intersection in WGS84 (for GeoJSON answers).</param>
    public static ZoneOverlap Measure(GeographySnapshot snapshot, GeographyVersion geography, Zone zone, Language language, bool withGeometry = false)
    {
        var edition = snapshot.Edition(geography);
        var index = edition.Overlaps;
        var areas = index.Measure(zone.Rings, zone.Crs, withGeometry);
        var shares = areas.Pieces
            .Select(p => new QuartierShare(
                edition.WithPerimeter[p.Id], p.AreaM2, Share(p.AreaM2, areas.ZoneAreaM2), Share(p.AreaM2, index.AreaOf(p.Id)),
                p.Geometry is null ? null : MetricGeometry.Unproject(p.Geometry, zone.Crs)))
            .ToArray();
        return new ZoneOverlap(zone, geography, areas.ZoneAreaM2, Math.Min(areas.CoveredAreaM2, areas.ZoneAreaM2), shares, Assess(snapshot, edition, zone, language));
    }

    /// <summary>
    /// Whether quartiers without perimeters may lie in <paramref name="zone"/> for <paramref name="edition"/>; the note
    /// in <paramref name="language"/>.
    /// </summary>
    public static Completeness Assess(GeographySnapshot snapshot, EditionData edition, Zone zone, Language language)
    {
        if (edition.IsComplete)
        {
            return Completeness.Whole;
        }

        // One boundary integral per commune whose envelope meets the zone's (no relate, no overlay): the communes the
        // zone covers part of are the pieces, and the pieces' sum says whether the outlines cover it whole. A commune
        // merely sharing an edge integrates to zero and is dropped with the other touching pieces. Measured only when
        // needed: an edition whose register is partial and names no commune without perimeters never asks.
        ZoneAreas? measured = null;
        ZoneAreas Communes() => measured ??= snapshot.CommuneOverlaps.Measure(zone.Rings, zone.Crs);
        Commune[] touched = edition.UnknownCommunes.Count == 0 ? []
            : Communes().Pieces.Where(p => edition.IsUnknownOutline(p.Id)).Select(p => snapshot.OutlinedCommunes[p.Id]).ToArray();
        if (touched.Length > 0)
        {
            var missing = touched
                .SelectMany(c => edition.InCommune(c.Insee))
                .Where(q => !q.HasPerimeter)
                .Select(q => q.Code)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToArray();
            return new Completeness(false, missing, DomainTexts.Catalogue.Format(language, DomainText.OverlapRegisterGaps,
                edition.Version.Code, string.Join(", ", touched.Select(c => $"{c.Name} ({c.Insee})"))));
        }

        if (!edition.RegisterComplete)
        {
            return edition.RegisterPartial(language);
        }

        return Communes().CoveredAreaM2 >= Communes().ZoneAreaM2 * (1 - CoverageSlack) - 1.0
            ? Completeness.Whole
            : new Completeness(false, [], DomainTexts.Catalogue.Format(language, DomainText.OverlapOutsideOutlines));
    }

    /// <summary>part / whole in 0..1 (0 for an empty whole); rounding can push a covered part a hair over its whole.</summary>
    internal static double Share(double part, double whole) => whole > 0 ? Math.Min(1.0, part / whole) : 0;
}
