using Geographie.Domain.Geography;
using Geographie.Storage.Imports;
using Npgsql;

namespace Geographie.Api.Cli;

/// <summary>
/// The real data shipped in <c>geodata/</c> (see geodata/SOURCES.md): commune outlines of the Bouches-du-Rhône and the Rhône (the Lyon 2015 perimeters lie in the latter),
/// the whole 2024 register (codes, names, communes; no perimeters), the real 2015 Lyon perimeters, and the
/// Contrat de ville data (geodata/contrat) extracted from the seed documents, and the real BAL address extract of
/// Mont-Bonvillers (geodata/addresses).
/// </summary>
public static class ShippedData
{
    /// <summary>The shipped files, relative to geodata/, in import order.</summary>
    public static readonly (string Kind, string Path, GeographyVersion? Edition)[] Files =
    [
        ("communes", "admin/communes_13.geojson", null),
        ("communes", "admin/communes_69.geojson", null),
        ("register", "qpv2024/registre_qpv2024_par_commune.csv", GeographyVersions.Qpv2024),
        ("perimeters", "qpv2015/qpv2015_metropole_lyon.geojson", GeographyVersions.Qpv2015),
        ("addresses", "addresses/bal_54084_mont-bonvillers.csv", null),
    ];

    /// <summary>The Contrat de ville data folder, relative to geodata/.</summary>
    public const string ContratFolder = "contrat";

    /// <summary>Imports every shipped file; idempotent (a second run reports each file unchanged).</summary>
    public static async Task<int> LoadAsync(NpgsqlDataSource dataSource, string geodata, TextWriter output, CancellationToken cancellationToken)
    {
        var importer = new GeographyImporter(dataSource);
        var exit = 0;
        foreach (var (kind, relative, edition) in Files)
        {
            var path = Path.Combine(geodata, relative);
            var outcome = kind switch
            {
                "communes" => await importer.ImportCommuneOutlinesAsync(path, cancellationToken),
                "register" => await importer.ImportRegisterAsync(path, edition!, cancellationToken: cancellationToken),
                "addresses" => await new AddressImporter(dataSource).ImportAsync(path, cancellationToken: cancellationToken),
                _ => await importer.ImportPerimetersAsync(path, edition, cancellationToken: cancellationToken),
            };
            exit = Math.Max(exit, CommandLine.Report(output, outcome));
        }
        var contrat = await new ContratImporter(dataSource).ImportAsync(Path.Combine(geodata, ContratFolder), cancellationToken);
        return Math.Max(exit, CommandLine.Report(output, contrat));
    }

    /// <summary>The geodata/ folder: GEOGRAPHIE_GEODATA, else the nearest one above the working directory or the program.</summary>
    public static string FindGeodata()
    {
        if (Environment.GetEnvironmentVariable("GEOGRAPHIE_GEODATA") is { Length: > 0 } configured)
        {
            return configured;
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "geodata");
                if (Directory.Exists(Path.Combine(candidate, "qpv2024")))
                {
                    return candidate;
                }
            }
        }
        throw new DirectoryNotFoundException("geodata/ not found: run from the repository or set GEOGRAPHIE_GEODATA");
    }
}
