using System.IO.Compression;
using Geographie.Domain.Geography;
using Geographie.Import.Official;
using Geographie.Storage.Imports;
using Geographie.Storage.Tests.Imports;
using Geographie.Testing;

namespace Geographie.Storage.Tests.Official;

/// <summary>
/// The download-verify-import path, against a local server serving an archive made here from the real
/// Lyon 2015 perimeters laid out like the ANCT archive; and the offline path.
/// </summary>
public sealed class FetchOfficialTests : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly TestDatabase _database;
    private readonly string _work = Directory.CreateTempSubdirectory("geographie-fetch-").FullName;
    private readonly HttpClient _http = new();

    public FetchOfficialTests(TestDatabase database) => _database = database;

    public Task InitializeAsync() => _database.MigrateAsync();

    public Task DisposeAsync()
    {
        _http.Dispose();
        Directory.Delete(_work, recursive: true);
        return Task.CompletedTask;
    }

    private static byte[] Archive(Action<ZipArchive> fill)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            fill(zip);
        }
        return memory.ToArray();
    }

    private static byte[] LyonArchive() => Archive(zip =>
    {
        zip.CreateEntry("LISEZMOI.txt").Open().Dispose();
        zip.CreateEntryFromFile(LyonFiles.Original, "GEOJSON/QP2015_Lyon_WGS84.geojson");
    });

    private static OfficialSource Source(LocalArchiveServer server, bool direct) => OfficialSource.Qpv2024 with
    {
        CatalogueUrl = server.CatalogueUrl,
        ArchiveUrl = direct ? server.ArchiveUrl : null,
        ResourceHint = "QP2015",
        ExpectedMetropolitan = 37,
        Timeout = TimeSpan.FromSeconds(30),
    };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_verified_archive_is_downloaded_and_imported(bool direct)
    {
        using var server = new LocalArchiveServer(LyonArchive(), "QP2015_Lyon.zip");

        var fetched = await new OfficialArchiveFetcher(_http, _work).FetchAsync(Source(server, direct), GeographyVersions.Qpv2015);

        Assert.Equal(FetchStatus.Verified, fetched.Status);
        Assert.EndsWith("QP2015_Lyon_WGS84.geojson", fetched.FilePath);
        Assert.Contains("37 metropolitan", fetched.Message);
        Assert.Equal(37, fetched.File!.Features.Count);
        // The features read to verify the archive are the ones imported: the file is parsed once.
        var outcome = await new GeographyImporter(_database.DataSource).ImportPerimetersAsync(fetched.FilePath!, fetched.File, GeographyVersions.Qpv2015);
        Assert.NotEqual(ImportStatus.Refused, outcome.Status);
        Assert.Equal(37L, await _database.ScalarAsync<long>("SELECT count(*) FROM quartier WHERE version = 'qpv2015' AND perimeter IS NOT NULL"));
    }

    [Fact]
    public async Task Offline_the_fetch_says_the_official_perimeters_are_absent()
    {
        var closed = new Uri($"http://127.0.0.1:{LocalArchiveServer.FreePort()}/api/1/datasets/qpv/");
        var source = OfficialSource.Qpv2024 with { CatalogueUrl = closed, Timeout = TimeSpan.FromSeconds(10) };

        var fetched = await new OfficialArchiveFetcher(_http, _work).FetchAsync(source, GeographyVersions.Qpv2024);

        Assert.Equal(FetchStatus.Offline, fetched.Status);
        Assert.Contains("official qpv2024 perimeters are absent", fetched.Message);
        Assert.Null(fetched.FilePath);
    }

    [Fact]
    public async Task A_truncated_archive_is_rejected()
    {
        var archive = LyonArchive();
        using var server = new LocalArchiveServer(archive[..(archive.Length * 2 / 3)], "QP2015_Lyon.zip");

        var fetched = await new OfficialArchiveFetcher(_http, _work).FetchAsync(Source(server, direct: true), GeographyVersions.Qpv2015);

        Assert.Equal(FetchStatus.Rejected, fetched.Status);
        Assert.Contains("damaged or incomplete", fetched.Message);
    }

    [Fact]
    public async Task An_archive_with_far_fewer_quartiers_than_expected_is_rejected()
    {
        using var server = new LocalArchiveServer(LyonArchive(), "QP2015_Lyon.zip");
        var source = Source(server, direct: true) with { ExpectedMetropolitan = 1296 };

        var fetched = await new OfficialArchiveFetcher(_http, _work).FetchAsync(source, GeographyVersions.Qpv2015);

        Assert.Equal(FetchStatus.Rejected, fetched.Status);
        Assert.Contains("holds 37 metropolitan qpv2015 quartiers where about 1296 are expected", fetched.Message);
    }
}
