using Geographie.Domain.Contrat;
using Geographie.Domain.Geography;
using Geographie.Domain.Overlaps;
using Geographie.Domain.Quartiers;
using Geographie.Spatial;
using Geographie.Spatial.Areas;

namespace Geographie.Domain.Snapshots;

/// <summary>
/// Everything Geographie answers from, at one data revision: quartiers of every edition, communes, and the
/// spatial indexes built from them. Immutable and thread-safe; replaced whole when the data changes, so a
/// request that holds a snapshot never sees half an update.
/// </summary>
public sealed class GeographySnapshot
{
    private readonly EditionData[] _editions;
    private readonly IReadOnlyList<GeographyVersion> _catalogue;
    private readonly Dictionary<string, Commune> _communes;
    private readonly Lazy<OverlapIndex> _communeOverlaps;

    /// <summary>Builds the snapshot of <paramref name="revision"/>; the cost (index builds) is paid here, once.</summary>
    /// <param name="revision">The data revision.</param>
    /// <param name="quartiers">Quartiers of every edition; each goes to the edition its <see cref="Quartier.Version"/> names. A
    /// commune named without INSEE code gets the code <see cref="CommuneResolver"/> finds for it.</param>
    /// <param name="communes">Communes known, with or without outline.</param>
    /// <param name="contrat">The Contrat de ville data.</param>
    /// <param name="loadedAt">When the data was read.</param>
    /// <param name="strategy">The spatial index strategy (the default serves; <see cref="IndexStrategy.Scan"/> is an oracle).</param>
    /// <param name="catalogue">The editions to hold, newest first: <see cref="GeographyVersions.All"/> unless given. Only
    /// benchmarks and tests pass another, e.g. an edition whose expected count makes a partial data set complete.</param>
    public GeographySnapshot(
        long revision, IReadOnlyList<Quartier> quartiers, IReadOnlyList<Commune> communes, ContratDeVille contrat,
        DateTimeOffset loadedAt, IndexStrategy strategy = IndexStrategy.Grid, IReadOnlyList<GeographyVersion>? catalogue = null)
    {
        _catalogue = catalogue ?? GeographyVersions.All;
        Contrat = contrat;
        Revision = revision;
        LoadedAt = loadedAt;
        Communes = communes;
        _communes = communes.ToDictionary(c => c.Insee, StringComparer.Ordinal);
        OutlinedCommunes = communes.Where(c => c.Outline is not null).ToArray();
        // Only covering is asked of the outlines: no nearest-boundary cells.
        CommuneOutlines = PerimeterIndex.Build(OutlinedCommunes.Select((c, i) => new Perimeter(i, c.Outline!)).ToArray(), strategy, nearestRadiusMetres: 0);
        _communeOverlaps = new(() => new OverlapIndex(OutlinedCommunes.Select((c, i) => new Perimeter(i, c.Outline!)).ToArray()));
        CommuneZones = new CommuneZones(OutlinedCommunes);
        // Data imported before its communes were known (or read from the files) may name communes without codes.
        var resolver = new CommuneResolver(communes);
        var resolved = quartiers.Select(resolver.Resolve).ToArray();
        foreach (var (arrondissement, departement) in resolved
            .SelectMany(q => q.Communes.Where(c => c.Insee is not null && CommuneResolver.CityOf(c.Insee) is not null).Select(c => (c, q.Departement))))
        {
            _communes.TryAdd(arrondissement.Insee!, new Commune(arrondissement.Insee!, arrondissement.Name, departement, null));
        }
        _editions = _catalogue
            .Select(v => new EditionData(v, resolved.Where(q => q.Version == v.Code).ToArray(), OutlinedCommunes, strategy))
            .ToArray();
        LoadedElsewhere = new Eligibility.LoadedElsewhere(Editions);
    }

    /// <summary>Which other geographies have perimeters at a point, for UNKNOWN answers.</summary>
    public Eligibility.LoadedElsewhere LoadedElsewhere { get; }

    /// <summary>The data revision this snapshot was read at (see table <c>data_revision</c>).</summary>
    public long Revision { get; }

    /// <summary>When the snapshot was built.</summary>
    public DateTimeOffset LoadedAt { get; }

    /// <summary>The Contrat de ville data (empty until imported).</summary>
    public ContratDeVille Contrat { get; }

    /// <summary>All communes known (register and shipped outlines).</summary>
    public IReadOnlyList<Commune> Communes { get; }

    /// <summary>The communes whose outline is shipped, in INSEE order.</summary>
    public IReadOnlyList<Commune> OutlinedCommunes { get; }

    /// <summary>The index of <see cref="OutlinedCommunes"/>; ids are positions in that list.</summary>
    public PerimeterIndex CommuneOutlines { get; }

    /// <summary>The outlines of <see cref="OutlinedCommunes"/> for area measures; ids are positions in that list. Built on first use.</summary>
    public OverlapIndex CommuneOverlaps => _communeOverlaps.Value;

    /// <summary>
    /// The zones of <see cref="OutlinedCommunes"/> (positions alike), each validated on first use and kept with this
    /// snapshot: a new snapshot validates its outlines afresh.
    /// </summary>
    public CommuneZones CommuneZones { get; }

    /// <summary>The data of one edition (every known edition has one, possibly empty).</summary>
    public EditionData Edition(GeographyVersion version)
    {
        // Asked once per eligibility answer: comparing the code with the catalogue's few entries (the same string object
        // nearly always) is cheaper than hashing it.
        foreach (var edition in _editions)
        {
            if (string.Equals(edition.Version.Code, version.Code, StringComparison.Ordinal))
            {
                return edition;
            }
        }
        throw new KeyNotFoundException($"This snapshot holds no edition {version.Code}.");
    }

    /// <summary>Every edition's data, newest first.</summary>
    public IEnumerable<EditionData> Editions => _editions;

    /// <summary>
    /// The commune with that INSEE code, or null; also a municipal arrondissement a quartier lies in (69388 Lyon 8e
    /// Arrondissement, without outline), which <see cref="Communes"/> does not list.
    /// </summary>
    public Commune? FindCommune(string insee) => _communes.GetValueOrDefault(insee);

    /// <summary>
    /// The commune with that INSEE code, else the one with that name as people type it (any case, with or without
    /// accents: "marseille", "Neuville-sur-Saone"); null when none or several communes bear the name.
    /// </summary>
    public Commune? FindCommuneByInseeOrName(string inseeOrName)
    {
        var text = inseeOrName.Trim();
        if (FindCommune(text) is { } byCode)
        {
            return byCode;
        }
        var folded = Texts.TextFolding.Fold(text);
        var named = _communes.Values.Where(c => Texts.TextFolding.Fold(c.Name) == folded).Take(2).ToArray();
        return named.Length == 1 ? named[0] : null;
    }
}
