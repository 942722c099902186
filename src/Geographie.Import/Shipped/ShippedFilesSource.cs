using Geographie.Domain.Contrat;
using Geographie.Domain.Geography;
using Geographie.Domain.Quartiers;
using Geographie.Domain.Snapshots;
using Geographie.Import.Contrat;
using Geographie.Import.Register;
using Geographie.Import.Files;
using Geographie.Import.Validation;
using Geographie.Spatial;
using Geographie.Spatial.Areas;

namespace Geographie.Import.Shipped;

/// <summary>
/// The snapshot data of the files in <c>geodata/</c>, read through the same readers and validators as
/// <c>load-shipped</c> and combined the way the import's SQL combines them, without a database: what a service
/// answers after <c>load-shipped</c> on an empty database. Each read parses the files again (no state); thread-safe.
/// Throws <see cref="InvalidDataException"/> when a file would be refused by the import.
/// </summary>
/// <param name="geodata">The geodata/ folder (see <see cref="ShippedGeodata.Find"/>).</param>
/// <param name="revision">The revision reported, constant: the files do not change under a running source.</param>
public sealed class ShippedFilesSource(string geodata, long revision = 1) : ISnapshotSource
{
    /// <inheritdoc />
    public Task<long> ReadRevisionAsync(CancellationToken cancellationToken = default) => Task.FromResult(revision);

    /// <inheritdoc />
    public Task<SnapshotData> ReadAsync(CancellationToken cancellationToken = default) => Task.FromResult(Read());

    /// <summary>Reads every shipped file now.</summary>
    public SnapshotData Read()
    {
        var quartiers = new List<Quartier>();
        var outlined = new Dictionary<string, Commune>(StringComparer.Ordinal);
        var named = new Dictionary<string, Commune>(StringComparer.Ordinal);
        foreach (var (kind, relative, edition) in ShippedGeodata.Files)
        {
            var path = Path.Combine(geodata, relative);
            switch (kind)
            {
                case "communes":
                    foreach (var c in CommuneOutlineReader.Read(path))
                    {
                        outlined[c.Insee] = new Commune(c.Insee, c.Name, Departements.OfCommune(c.Insee), c.Outline);
                    }
                    break;
                case "register":
                    var entries = RegisterCsvReader.Read(path, edition!);
                    quartiers.AddRange(entries.Select(e =>
                        new Quartier(edition!.Code, e.Code, e.Name, Departements.OfQuartierCode(e.Code), null, null) { Communes = e.Communes }));
                    AddNamedCommunes(named, entries);
                    break;
                default:
                    // As the import: the communes a perimeter file names without code get them from those read so far.
                    var resolver = new CommuneResolver([.. outlined.Values, .. named.Where(n => !outlined.ContainsKey(n.Key)).Select(n => n.Value)]);
                    quartiers.AddRange(Perimeters(path, edition).Select(resolver.Resolve));
                    break;
            }
        }
        foreach (var (insee, commune) in named)
        {
            outlined.TryAdd(insee, commune);
        }
        var communes = outlined.Values.OrderBy(c => c.Insee, StringComparer.Ordinal).ToArray();
        var contrat = ContratFiles.Load(Path.Combine(geodata, ShippedGeodata.ContratFolder));
        var known = quartiers.Where(q => q.Version == GeographyVersions.Qpv2024.Code).Select(q => q.Code).ToHashSet(StringComparer.Ordinal);
        var problems = ContratValidator.Problems(contrat, known, communes.Select(c => c.Insee).ToHashSet(StringComparer.Ordinal));
        if (problems.Count > 0)
        {
            throw new InvalidDataException(string.Join(Environment.NewLine, problems));
        }
        var ordered = quartiers.OrderBy(q => q.Version, StringComparer.Ordinal).ThenBy(q => q.Code, StringComparer.Ordinal).ToArray();
        return new SnapshotData(revision, ordered, communes, contrat);
    }

    private static IEnumerable<Quartier> Perimeters(string path, GeographyVersion? edition)
    {
        var validated = FeatureValidator.Validate(SourceFileReader.Read(path), edition);
        if (!validated.IsAcceptable)
        {
            throw new InvalidDataException(string.Join(Environment.NewLine, validated.Problems));
        }
        // As the import's ST_Area(ST_Transform(...)): the area in the territory's metric CRS.
        return validated.Features.Select(f =>
        {
            var inside = f.Perimeter.InteriorPoint;
            var area = MetricGeometry.Project(f.Perimeter, MetricProjection.ForLocation(inside.X, inside.Y)).Area;
            return new Quartier(validated.Edition.Code, f.Code, f.Name, f.Departement, f.Perimeter, area) { Communes = f.Communes };
        });
    }

    // As upsert_register_communes.sql: a commune the register names gets the register's name (one without ';' first,
    // then the first listed), unless the outlines named it already.
    private static void AddNamedCommunes(Dictionary<string, Commune> named, IReadOnlyList<RegisterEntry> entries)
    {
        var candidates = entries
            .SelectMany(e => e.Communes.Select((c, position) => (c.Insee, c.Name, position)))
            .Where(c => c.Insee is not null)
            .GroupBy(c => c.Insee!, StringComparer.Ordinal);
        foreach (var group in candidates)
        {
            var best = group.OrderBy(c => c.Name.Contains(';', StringComparison.Ordinal)).ThenBy(c => c.position).First();
            named.TryAdd(group.Key, new Commune(group.Key, best.Name, Departements.OfCommune(group.Key), null));
        }
    }
}
