using Geographie.Domain.Quartiers;
using Geographie.Domain.Snapshots;
using Geographie.Import.Points;
using Geographie.Tiles;

namespace Geographie.Api.Tiles;

/// <summary>
/// Turns a snapshot into the three tile layers (v1): <c>quartiers</c>, <c>communes</c>, <c>etablissements</c>.
/// Feature ids are stable across data revisions (a hash of the edition and code), so MapLibre feature-state survives reloads.
/// </summary>
public static class MapLayers
{
    /// <summary>The layers and fields of tiles v1, as TileJSON declares them whatever the data holds today.</summary>
    public static IReadOnlyList<TileJsonVectorLayer> Contract { get; } =
    [
        new("communes", new Dictionary<string, string>
        {
            ["insee"] = "String: INSEE code",
            ["name"] = "String",
            ["qpv"] = "Number: QPV of the selected geography in the register, perimeters loaded or not",
            ["projets"] = "Number: projets of the Contrat de ville reaching its QPV (after filters)",
        }, Description: "Commune outlines"),
        new("quartiers", new Dictionary<string, string>
        {
            ["code"] = "String: QPV code",
            ["name"] = "String",
            ["communes"] = "String: commune names, comma-separated",
            ["geography"] = "String: qpv2024 or qpv2015",
            ["projets"] = "Number: projets reaching the quartier (after filters)",
            ["defis"] = "String: défi ids, comma-separated (editorial links through its projets)",
            ["orientations"] = "String: orientation ids of its projets, comma-separated",
        }, Description: "QPV perimeters of the selected geography (only where loaded); feature id stable across revisions"),
        new("etablissements", new Dictionary<string, string>
        {
            ["uai"] = "String",
            ["name"] = "String",
            ["ep"] = "String: REP+, REP or hors EP",
            ["commune"] = "String",
        }, MinZoom: 9, Description: "Public collèges of the Bouches-du-Rhône with their éducation prioritaire status"),
    ];

    /// <summary>The layers for one filter.</summary>
    public static IReadOnlyList<TileLayer> Build(GeographySnapshot snapshot, TileFilter filter, IReadOnlyList<Etablissement> etablissements)
    {
        var contrat = snapshot.Contrat;
        var edition = snapshot.Edition(filter.Geography);
        var projetsByQuartier = edition.Quartiers.ToDictionary(
            q => q.Code, q => contrat.ProjetsReaching(q).Where(filter.Keeps).ToArray(), StringComparer.Ordinal);

        var quartiers = edition.WithPerimeter
            .Where(q => !filter.Filters || projetsByQuartier[q.Code].Length > 0)
            .Select(q =>
            {
                var projets = projetsByQuartier[q.Code];
                return new TileFeature(StableId(q.Version, q.Code), q.Perimeter!, new Dictionary<string, object>
                {
                    ["code"] = q.Code,
                    ["name"] = q.Name,
                    ["communes"] = string.Join(", ", q.Communes.Select(c => c.Name)),
                    ["geography"] = q.Version,
                    ["projets"] = (long)projets.Length,
                    ["defis"] = string.Join(",", projets.SelectMany(p => p.Defis).Select(l => l.DefiId)
                        .Where(d => filter.Defi is null || d == filter.Defi).Distinct().Order(StringComparer.Ordinal)),
                    ["orientations"] = string.Join(",", projets.Select(p => p.OrientationId).Distinct().Order(StringComparer.Ordinal)),
                });
            })
            .ToArray();

        var communes = snapshot.OutlinedCommunes.Select(c =>
        {
            var inCommune = edition.InCommune(c.Insee).ToArray();
            return new TileFeature(StableId("commune", c.Insee), c.Outline!, new Dictionary<string, object>
            {
                ["insee"] = c.Insee,
                ["name"] = c.Name,
                ["qpv"] = (long)inCommune.Length,
                ["projets"] = (long)inCommune.SelectMany(q => projetsByQuartier[q.Code]).Distinct().Count(),
            });
        }).ToArray();

        var points = etablissements.Select(e => new TileFeature(StableId("etablissement", e.Uai), e.Location, new Dictionary<string, object>
        {
            ["uai"] = e.Uai,
            ["name"] = e.Name,
            ["ep"] = e.Ep,
            ["commune"] = e.Commune,
        })).ToArray();

        return
        [
            new TileLayer("communes", communes),
            new TileLayer("quartiers", quartiers),
            new TileLayer("etablissements", points, MinZoom: 9),
        ];
    }

    /// <summary>FNV-1a of "kind:code", kept below 2^53 so JavaScript reads it exactly.</summary>
    public static ulong StableId(string kind, string code)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in kind + ":" + code)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash & ((1UL << 53) - 1);
    }
}
