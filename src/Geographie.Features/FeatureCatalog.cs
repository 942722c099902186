using Geographie.Domain.Contrat;
using Geographie.Domain.Geography;
using Geographie.Domain.Quartiers;
using Geographie.Domain.Snapshots;

namespace Geographie.Features;

/// <summary>
/// The collections served from one <see cref="GeographySnapshot"/>: one per edition that has quartiers (register or
/// perimeters), then <c>communes</c> (the loaded commune outlines). Immutable; a client paging through one catalog
/// sees one revision of the data, whatever reloads happen meanwhile.
/// </summary>
public sealed class FeatureCatalog
{
    /// <summary>The id of the commune outlines collection.</summary>
    public const string CommunesId = "communes";

    private static readonly FeatureProperty[] QuartierProperties =
    [
        new("code", PropertyType.String, "Official QPV code; also the feature id"),
        new("name", PropertyType.String, "Official name"),
        new("edition", PropertyType.String, "Geography edition (qpv2024, qpv2015)"),
        new("departement", PropertyType.String, "Département code (13, 2A, 971)"),
        new("communes", PropertyType.String, "Names of the communes the quartier spans, in the register's order, separated by '; '"),
        new("insee", PropertyType.String, "INSEE codes of those communes, separated by '; ' (the 2015 files give names only: their codes are found from the commune outlines, a Lyon arrondissement as 69381-69389; null when none is found)"),
        new("area_m2", PropertyType.Number, "Area in square metres in the territory's metric CRS (Lambert-93 in metropolitan France, official UTM overseas), as stored; null without perimeter"),
        new("projets", PropertyType.Integer, "Projets of the Contrat de ville Aix-Marseille-Provence reaching the quartier (2024 quartiers of the Métropole; null elsewhere)"),
        new("defis", PropertyType.Integer, "Défis of that Contrat de ville the quartier is linked to (same scope as projets)"),
    ];

    private readonly Dictionary<string, FeatureLayer> _byId;

    /// <summary>
    /// Builds the collections of <paramref name="snapshot"/>; feature GeoJSON is encoded on first use, or ahead by
    /// <see cref="EncodeAll"/>.
    /// </summary>
    public FeatureCatalog(GeographySnapshot snapshot)
    {
        Revision = snapshot.Revision;
        // A lookup of its own rather than the snapshot's: a retained catalog must not keep a whole old snapshot (its
        // spatial indexes) alive, only the features it serves.
        var communes = snapshot.Communes.ToDictionary(c => c.Insee, StringComparer.Ordinal);
        Func<string, Commune?> findCommune = communes.GetValueOrDefault;
        var editions = snapshot.Editions.Where(e => e.Quartiers.Count > 0).Select(e => QuartierLayer(e, snapshot.Contrat, findCommune)).ToList();
        Layers = [.. editions, CommuneLayer(snapshot.OutlinedCommunes, editions, findCommune)];
        _byId = Layers.ToDictionary(l => l.Id, StringComparer.Ordinal);
    }

    /// <summary>The data revision of the snapshot the catalog was built from.</summary>
    public long Revision { get; }

    /// <summary>Every collection: editions newest first, then communes.</summary>
    public IReadOnlyList<FeatureLayer> Layers { get; }

    /// <summary>The collection with that id (exact), or null.</summary>
    public FeatureLayer? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// Encodes every feature's GeoJSON now (see <see cref="FeatureRecord.GeoJson"/>), layer by layer in page order,
    /// so that no page pays for it; stops early, leaving the rest to be encoded on demand, once
    /// <paramref name="stale"/> says the catalog is no longer the current one. Thread-safe. Returns the bytes encoded.
    /// </summary>
    public long EncodeAll(Func<bool> stale)
    {
        long bytes = 0;
        foreach (var layer in Layers)
        {
            foreach (var feature in layer.Features)
            {
                if (stale())
                {
                    return bytes;
                }

                bytes += feature.GeoJson(layer).Length;
            }
        }

        return bytes;
    }

    private static FeatureLayer QuartierLayer(EditionData edition, ContratDeVille contrat, Func<string, Commune?> findCommune)
    {
        var version = edition.Version;
        var withContrat = version == GeographyVersions.Qpv2024;
        var records = edition.Quartiers.Select(q =>
        {
            var inContrat = withContrat && contrat.IsInMetropole(q);
            var insees = q.Communes.Where(c => c.Insee is not null).Select(c => c.Insee!).ToArray();
            object?[] values =
            [
                q.Code, q.Name, version.Code, q.Departement,
                string.Join("; ", q.Communes.Select(c => c.Name)),
                insees.Length > 0 ? string.Join("; ", insees) : null,
                q.AreaM2,
                inContrat ? contrat.ProjetsReaching(q).Count() : null,
                inContrat ? contrat.DefisOf(q).Count() : null,
            ];
            var overseas = Departements.IsOverseas(q.Departement);
            var inForce = overseas ? new InForce(version.OverseasFrom, version.OverseasUntil) : new InForce(version.MetropoleFrom, version.MetropoleUntil);
            // The insee filter finds a city's quartiers in its arrondissements too (69123 Lyon holds 69388).
            var matched = insees.Concat(insees.Select(CommuneResolver.CityOf).OfType<string>()).Distinct(StringComparer.Ordinal).ToArray();
            return new FeatureRecord(q.Code, q.Perimeter, values, q.Departement, matched,
                q.Communes.Where(c => c.Insee is null).Select(c => c.Name).ToArray(), inForce);
        });
        var from = version.MetropoleFrom < version.OverseasFrom ? version.MetropoleFrom : version.OverseasFrom;
        DateOnly? until = version.MetropoleUntil is { } m && version.OverseasUntil is { } o ? (m > o ? m : o) : null;
        var description = edition.WithPerimeter.Count == 0
            ? $"The {edition.Quartiers.Count} quartiers of the register of the {version.Decret}; no perimeter is loaded, so every feature has a null geometry and none matches a bbox."
            : $"The quartiers of the {version.Decret}: {edition.Quartiers.Count} known, {edition.WithPerimeter.Count} with their perimeter (the others have a null geometry).";
        return new FeatureLayer(version.Code, $"Quartiers prioritaires {version.Code[3..]} ({version.Decret})", description,
            QuartierProperties, records, new InForce(from, until), findCommune);
    }

    private static FeatureLayer CommuneLayer(IReadOnlyList<Commune> outlined, IReadOnlyList<FeatureLayer> editions, Func<string, Commune?> findCommune)
    {
        FeatureProperty[] properties =
        [
            new("code", PropertyType.String, "INSEE code of the commune; also the feature id"),
            new("name", PropertyType.String, "Name"),
            new("departement", PropertyType.String, "Département code"),
            .. editions.Select(e => new FeatureProperty(e.Id, PropertyType.Integer, $"How many quartiers of {e.Id} lie in the commune (by the register)")),
        ];
        var records = outlined.Select(c => new FeatureRecord(
            c.Insee, c.Outline,
            [c.Insee, c.Name, c.Departement, .. editions.Select(e => (object?)e.InCommune(c.Insee).Count())],
            c.Departement, [c.Insee], [], null));
        return new FeatureLayer(CommunesId, "Communes",
            "The commune outlines loaded (IGN Admin Express, see geodata/SOURCES.md), with their count of quartiers per edition.",
            properties, records, null, findCommune);
    }
}
