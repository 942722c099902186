using System.Globalization;
using System.IO.Compression;
using System.Text;
using Geographie.Addresses;
using Geographie.Api.Cli;
using Geographie.Import.Addresses;
using Geographie.Storage.Imports;
using Geographie.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Geographie.Api.Tests.Cli;

/// <summary>
/// <c>geographie fetch-addresses DEP</c> against a local HTTP server laid out like adresse.data.gouv.fr's BAN folder.
/// The file it serves is a conversion of real rows, not BAN data: the shipped BAL of Mont-Bonvillers (54084)
/// rewritten in the BAN per-département format (its columns renamed, no postcode since the BAL has none), gzipped.
/// </summary>
public sealed class FetchAddressesTests : IClassFixture<GeographieApp>
{
    private readonly GeographieApp _app;

    public FetchAddressesTests(GeographieApp app) => _app = app;

    private static readonly IReadOnlyList<AddressRecord> Real =
        AddressFileReader.Read(Geodata.Path("addresses/bal_54084_mont-bonvillers.csv"), out _);

    // The real BAL rows of Mont-Bonvillers in the BAN CSV format.
    private static byte[] BanFileOfRealRows()
    {
        static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        var csv = new StringBuilder("id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;lon;lat\n");
        foreach (var a in Real)
        {
            csv.Append(a.Id).Append(";;").Append(a.Number).Append(';').Append(a.Suffix).Append(';').Append(a.Street).Append(";;")
               .Append(a.CommuneInsee).Append(';').Append(a.CommuneName).Append(';').Append(N(a.Lon)).Append(';').Append(N(a.Lat)).Append('\n');
        }
        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(csv.ToString()));
        }
        return gzipped.ToArray();
    }

    // Serves Body as /ban/adresses-54.csv.gz, 404 for anything else.
    private sealed class BanFolder : IAsyncDisposable
    {
        private WebApplication _app = null!;

        public byte[] Body { get; set; } = [];

        public Uri BaseUrl { get; private set; } = null!;

        public static async Task<BanFolder> StartAsync()
        {
            var folder = new BanFolder();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            folder._app = builder.Build();
            folder._app.MapGet("/ban/adresses-54.csv.gz", () => Results.Bytes(folder.Body, "application/gzip"));
            await folder._app.StartAsync();
            folder.BaseUrl = new Uri(folder._app.Urls.First() + "/ban");
            return folder;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    private async Task<(int Exit, string Output)> FetchAsync(params string[] args)
    {
        using var output = new StringWriter();
        var exit = await CommandLine.RunAsync(["fetch-addresses", .. args], output, CancellationToken.None, _app.Database.ConnectionString);
        return (exit, output.ToString());
    }

    private Task<string> StoredAddressesAsync() =>
        _app.Database.ScalarAsync<string>("SELECT md5(coalesce(string_agg(a::text, '|' ORDER BY a::text), '')) || ' ' || count(*) FROM address a");

    [Fact]
    public async Task A_whole_download_is_imported_and_a_404_or_a_cut_download_imports_nothing()
    {
        // The stored addresses start as the real file without its last 40 rows, so that the fetched file changes them.
        var start = Path.Combine(Path.GetTempPath(), $"bal-54084-start-{Guid.NewGuid():N}.csv");
        var lines = await File.ReadAllLinesAsync(Geodata.Path("addresses/bal_54084_mont-bonvillers.csv"));
        await File.WriteAllLinesAsync(start, lines[..^40]);
        try
        {
            Assert.NotEqual(ImportStatus.Refused, (await new AddressImporter(_app.Database.DataSource).ImportAsync(start, ImportSafeguard.ReplacingAll)).Status);
        }
        finally
        {
            File.Delete(start);
        }
        await using var ban = await BanFolder.StartAsync();
        var whole = BanFileOfRealRows();
        var before = await StoredAddressesAsync();

        var missing = await FetchAsync("57", "--url", ban.BaseUrl.ToString());
        ban.Body = whole[..^6];
        var cut = await FetchAsync("54", "--url", ban.BaseUrl.ToString());
        var afterFailures = await StoredAddressesAsync();
        ban.Body = whole;
        var fetched = await FetchAsync("54", "--url", ban.BaseUrl.ToString());

        Assert.Equal(1, missing.Exit);
        Assert.Contains($"département 57: no BAN address file at {ban.BaseUrl}/adresses-57.csv.gz (404); nothing imported", missing.Output);
        Assert.Equal(1, cut.Exit);
        Assert.Contains("could not be downloaded whole (the gzip body is cut short", cut.Output);
        Assert.Equal(before, afterFailures);
        Assert.True(fetched.Exit == 0, fetched.Output);
        Assert.Equal((long)Real.Count, await _app.Database.ScalarAsync<long>("SELECT count(*) FROM address WHERE commune_insee = '54084'"));
        Assert.Equal(Real.Select(a => a.Id).Order(StringComparer.Ordinal),
            (await _app.Database.ScalarAsync<string>("SELECT string_agg(id, ',' ORDER BY id COLLATE \"C\") FROM address")).Split(','));
    }

    [Theory]
    [InlineData("fetch-addresses", "a DEP argument is needed")]
    [InlineData("fetch-addresses 20", "20 is not a département code")]
    [InlineData("fetch-addresses 54 9999", "9999 is not a département code")]
    public async Task A_missing_or_wrong_departement_is_bad_usage(string arguments, string message)
    {
        using var output = new StringWriter();

        var exit = await CommandLine.RunAsync(arguments.Split(' '), output);

        Assert.Equal(2, exit);
        Assert.Contains(message, output.ToString());
    }
}
