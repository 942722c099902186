using Geographie.Domain.Geography;
using Geographie.Domain.Snapshots;
using Geographie.Domain.Texts;
using Geographie.Spatial.Areas;

namespace Geographie.Domain.Overlaps;

/// <summary>
/// Compares two editions of a snapshot: area in both, in the older only (left), in the newer only (entered), and
/// which quartiers of one overlap which of the other. Stateless and thread-safe.
/// </summary>
public static class EvolutionCalculator
{
    /// <summary>The evolution within <paramref name="zone"/>.</summary>
    public static Evolution Within(GeographySnapshot snapshot, GeographyVersion from, GeographyVersion to, Zone zone, Language language)
    {
        var older = snapshot.Edition(from);
        var newer = snapshot.Edition(to);
        var olderAreas = older.Overlaps.Measure(zone.Metric, zone.Crs, keepGeometry: true);
        var newerAreas = newer.Overlaps.Measure(zone.Metric, zone.Crs);
        var pairs = new List<QuartierPair>();
        foreach (var piece in olderAreas.Pieces)
        {
            foreach (var shared in newer.Overlaps.Measure(piece.Geometry!, zone.Crs).Pieces)
            {
                pairs.Add(Pair(older, piece.Id, newer, shared));
            }
        }

        return new Evolution(
            from, to, olderAreas.CoveredAreaM2, newerAreas.CoveredAreaM2, pairs.Sum(p => p.SharedM2),
            Areas(older, olderAreas.Pieces), Areas(newer, newerAreas.Pieces), Sorted(pairs),
            OverlapCalculator.Assess(snapshot, older, zone, language), OverlapCalculator.Assess(snapshot, newer, zone, language));
    }

    /// <summary>The evolution over everything loaded.</summary>
    public static Evolution Everywhere(GeographySnapshot snapshot, GeographyVersion from, GeographyVersion to, Language language)
    {
        var older = snapshot.Edition(from);
        var newer = snapshot.Edition(to);
        var pairs = new List<QuartierPair>();
        for (int id = 0; id < older.Overlaps.Count; id++)
        {
            foreach (var shared in newer.Overlaps.Measure(older.Overlaps.MetricGeometryOf(id), older.Overlaps.CrsOf(id)).Pieces)
            {
                pairs.Add(Pair(older, id, newer, shared));
            }
        }

        return new Evolution(
            from, to, Whole(older).Sum(a => a.AreaM2), Whole(newer).Sum(a => a.AreaM2), pairs.Sum(p => p.SharedM2),
            Whole(older), Whole(newer), Sorted(pairs), Missing(older, language), Missing(newer, language));
    }

    private static QuartierPair Pair(EditionData older, int olderId, EditionData newer, AreaPiece shared) =>
        new(older.WithPerimeter[olderId], newer.WithPerimeter[shared.Id], shared.AreaM2,
            OverlapCalculator.Share(shared.AreaM2, older.Overlaps.AreaOf(olderId)), OverlapCalculator.Share(shared.AreaM2, newer.Overlaps.AreaOf(shared.Id)));

    private static QuartierArea[] Areas(EditionData edition, IReadOnlyList<AreaPiece> pieces) =>
        pieces.Select(p => new QuartierArea(edition.WithPerimeter[p.Id], p.AreaM2, OverlapCalculator.Share(p.AreaM2, edition.Overlaps.AreaOf(p.Id))))
            .OrderBy(a => a.Quartier.Code, StringComparer.Ordinal)
            .ToArray();

    private static QuartierArea[] Whole(EditionData edition) =>
        edition.WithPerimeter.Select((q, id) => new QuartierArea(q, edition.Overlaps.AreaOf(id), 1.0))
            .OrderBy(a => a.Quartier.Code, StringComparer.Ordinal)
            .ToArray();

    private static QuartierPair[] Sorted(List<QuartierPair> pairs) =>
        pairs.OrderBy(p => p.From.Code, StringComparer.Ordinal).ThenBy(p => p.To.Code, StringComparer.Ordinal).ToArray();

    private static Completeness Missing(EditionData edition, Language language)
    {
        if (edition.IsComplete)
        {
            return Completeness.Whole;
        }

        var missing = edition.Quartiers.Where(q => !q.HasPerimeter).Select(q => q.Code).Order(StringComparer.Ordinal).ToArray();
        return new Completeness(false, missing, edition.RegisterComplete
            ? DomainTexts.Catalogue.Format(language, DomainText.EvolutionPerimetersMissing, missing.Length, edition.Version.Code)
            : DomainTexts.Catalogue.Format(language, DomainText.EvolutionRegisterPartial, edition.Version.Code, edition.Quartiers.Count, edition.Version.ExpectedQuartierCount));
    }
}
