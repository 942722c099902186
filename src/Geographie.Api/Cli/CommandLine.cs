using Geographie.Domain.Geography;
using Geographie.Import.Addresses;
using Geographie.Import.Downloads;
using Geographie.Import.Official;
using Geographie.Import.Shipped;
using Geographie.Storage;
using Geographie.Storage.Imports;

namespace Geographie.Api.Cli;

/// <summary>
/// The command-line verbs of the <c>geographie</c> program. Without a verb the program runs the service.
/// Exit codes: 0 done (or nothing to do, or fetch-official offline), 1 refused or failed (fetch-addresses offline too), 2 bad usage.
/// </summary>
public static class CommandLine
{
    private const string Usage = """
        usage: geographie [verb] [options]
          (no verb)                               run the service (REST :8080, gRPC :8081)
          migrate                                 apply pending database migrations
          import FILE [--edition qpv2024|qpv2015] [--replace-all] [--max-removed-share S]
                                                  import official perimeters (.geojson, .gpkg, .shp; WGS84 or Lambert-93)
          import-register FILE [--edition E] [--replace-all] [--max-removed-share S]
                                                  import a register CSV (code_qp,lib_qp,insee_com,lib_com)
          import-communes FILE                    import commune outlines (GeoJSON with code, nom)
          import-contrat DIR                      import the Contrat de ville data folder (geodata/contrat)
          import-addresses FILE… [--replace-all] [--max-removed-share S]
                                                  import BAL (1.3/1.4) or BAN (per département) address CSVs, one
                                                  transaction per file; the communes of a file get exactly its addresses
          fetch-addresses DEP… [--url BASE] [--replace-all] [--max-removed-share S]
                                                  download the BAN addresses of each département (adresses-DEP.csv.gz
                                                  under BASE, by default adresse.data.gouv.fr's latest) and import
                                                  them as import-addresses does; exit 1, nothing imported, when the
                                                  file cannot be downloaded whole (offline, 404, cut)
          load-shipped [GEODATA_DIR]              migrate and import everything shipped in geodata/
          fetch-official [--url URL] [--catalogue URL] [--edition E] [--expect-metropolitan N]
                                                  download, verify and import the official ANCT archive
        An import never shrinks an edition by surprise: an empty file is refused, and so is a file that would remove
        more than S (default 0.1) of the stored perimeters or register codes, naming them, unless --replace-all is
        given or the file covers every register code of its edition.
        The database is GEOGRAPHIE_DB (an Npgsql connection string), else the local cluster on 127.0.0.1:55432.
        """;

    private static readonly string[] FileVerbs = ["import", "import-register", "import-communes", "import-addresses"];

    private static readonly string[] Verbs = ["migrate", "import", "import-register", "import-communes", "import-contrat", "import-addresses", "fetch-addresses", "load-shipped", "fetch-official", "help", "--help"];

    /// <summary>True when <paramref name="args"/> name a verb rather than host options.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    /// <summary>
    /// Runs the verb on the database <paramref name="connectionString"/> (by default GEOGRAPHIE_DB, else the local
    /// cluster); returns the process exit code. Never throws for bad usage, a missing file or an unreachable
    /// database: each is a message and an exit code.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken = default, string? connectionString = null)
    {
        var options = CommandOptions.Parse(args.Skip(1));
        if (args[0] is not ("import-addresses" or "fetch-addresses") && options.SingleFileProblem() is { } extra)
        {
            options = options with { Error = extra };
        }
        if (args[0] == "fetch-addresses" && DepartementsProblem(options) is { } departements)
        {
            options = options with { Error = departements };
        }
        if (args[0] is "help" or "--help" || options.Error is not null)
        {
            await output.WriteLineAsync(options.Error is null ? Usage : options.Error + Environment.NewLine + Usage);
            return options.Error is null ? 0 : 2;
        }
        if (FileVerbs.Contains(args[0]) && options.FileProblem() is { } fileProblem)
        {
            await output.WriteLineAsync(fileProblem + Environment.NewLine + Usage);
            return 2;
        }
        connectionString ??= GeographieDatabase.ConnectionStringFromEnvironment();
        try
        {
            return await RunVerbAsync(args[0], options, connectionString, output, cancellationToken);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            await output.WriteLineAsync($"the database cannot be used ({GeographieDatabase.Redact(connectionString)}): {e.Message}");
            return 1;
        }
    }

    private static async Task<int> RunVerbAsync(string verb, CommandOptions options, string connectionString, TextWriter output, CancellationToken cancellationToken)
    {
        await using var dataSource = GeographieDatabase.CreateDataSource(connectionString);
        var migrated = await Migrator.MigrateAsync(dataSource, cancellationToken);
        if (migrated.Count > 0)
        {
            await output.WriteLineAsync($"migrations applied: {string.Join(", ", migrated)} ({GeographieDatabase.Redact(connectionString)})");
        }
        var importer = new GeographyImporter(dataSource);
        var edition = options.Edition;
        switch (verb)
        {
            case "migrate":
                await output.WriteLineAsync(migrated.Count == 0 ? "database schema up to date" : "database schema migrated");
                return 0;
            case "import":
                return Report(output, await importer.ImportPerimetersAsync(options.File!, edition, options.Safeguard, cancellationToken));
            case "import-register":
                return Report(output, await importer.ImportRegisterAsync(options.File!, edition ?? GeographyVersions.Qpv2024, options.Safeguard, cancellationToken));
            case "import-communes":
                return Report(output, await importer.ImportCommuneOutlinesAsync(options.File!, cancellationToken));
            case "import-contrat":
                return Report(output, await new ContratImporter(dataSource).ImportAsync(options.File ?? Path.Combine(ShippedGeodata.Find(), ShippedGeodata.ContratFolder), cancellationToken));
            case "import-addresses":
                return await ImportAddressesAsync(new AddressImporter(dataSource), options, output, cancellationToken);
            case "fetch-addresses":
                return await FetchAddressesAsync(new AddressImporter(dataSource), options, output, cancellationToken);
            case "load-shipped":
                return await ShippedData.LoadAsync(dataSource, options.File ?? ShippedGeodata.Find(), output, cancellationToken);
            default:
                return await FetchOfficialAsync(importer, options, output, cancellationToken);
        }
    }

    private static async Task<int> FetchOfficialAsync(GeographyImporter importer, CommandOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var edition = options.Edition ?? GeographyVersions.Qpv2024;
        var source = OfficialSource.Qpv2024 with
        {
            ArchiveUrl = options.Url ?? OfficialSource.Qpv2024.ArchiveUrl,
            CatalogueUrl = options.Catalogue ?? OfficialSource.Qpv2024.CatalogueUrl,
            ExpectedMetropolitan = options.ExpectMetropolitan ?? OfficialSource.Qpv2024.ExpectedMetropolitan,
        };
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var workDirectory = Path.Combine(Path.GetTempPath(), "geographie-official");
        var fetched = await new OfficialArchiveFetcher(http, workDirectory).FetchAsync(source, edition, cancellationToken);
        await output.WriteLineAsync(fetched.Message);
        return fetched.Status switch
        {
            FetchStatus.Offline => 0,
            FetchStatus.Rejected => 1,
            // A verified archive is a whole official edition: it replaces the previous one, whatever it drops.
            _ => Report(output, await importer.ImportPerimetersAsync(fetched.FilePath!, fetched.File!, edition, ImportSafeguard.ReplacingAll, cancellationToken)),
        };
    }

    private static async Task<int> ImportAddressesAsync(AddressImporter importer, CommandOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var exit = 0;
        foreach (var file in options.Files)
        {
            exit = Math.Max(exit, Report(output, await importer.ImportAsync(file, options.Safeguard, cancellationToken)));
        }
        return exit;
    }

    private static string? DepartementsProblem(CommandOptions options) =>
        options.Files.Count == 0 ? "a DEP argument is needed (a département code: 01, 2A, 54, 974…)"
        : options.Files.FirstOrDefault(d => !BanDepartementFile.IsDepartement(d)) is { } bad ? $"{bad} is not a département code (01–95, 2A, 2B, 971–976)"
        : null;

    // Each département's file is downloaded whole (gunzipped, checked) before import-addresses reads it, so a download
    // that fails imports nothing and leaves the stored addresses as they were.
    private static async Task<int> FetchAddressesAsync(AddressImporter importer, CommandOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var work = Directory.CreateTempSubdirectory("geographie-ban-");
        try
        {
            var exit = 0;
            foreach (var departement in options.Files)
            {
                var url = BanDepartementFile.Url(options.Url ?? BanDepartementFile.DefaultBaseUrl, departement);
                var path = Path.Combine(work.FullName, $"adresses-{departement}.csv");
                if (await HttpDownload.ToFileAsync(http, url, path, BanDepartementFile.DownloadTimeout, gunzip: true, cancellationToken) is { } failure)
                {
                    await output.WriteLineAsync(failure.Status == System.Net.HttpStatusCode.NotFound
                        ? $"département {departement}: no BAN address file at {url} (404); nothing imported"
                        : $"département {departement}: {url} could not be downloaded whole ({failure.Reason}); nothing imported");
                    exit = 1;
                    continue;
                }
                exit = Math.Max(exit, Report(output, await importer.ImportAsync(path, options.Safeguard, cancellationToken)));
            }
            return exit;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    internal static int Report(TextWriter output, ImportOutcome outcome)
    {
        output.WriteLine(outcome.Describe());
        return outcome.Status == ImportStatus.Refused ? 1 : 0;
    }
}
