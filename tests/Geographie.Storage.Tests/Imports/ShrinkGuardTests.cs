using System.Text.Json.Nodes;
using Geographie.Domain.Geography;
using Geographie.Storage.Imports;
using Geographie.Testing;

namespace Geographie.Storage.Tests.Imports;

/// <summary>
/// An import never shrinks an edition by surprise: empty files, truncated perimeter files and cut registers are
/// refused with what they would remove, and the stored data stays exactly as it was.
/// </summary>
public sealed class ShrinkGuardTests : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const string Register2024 = "qpv2024/registre_qpv2024_par_commune.csv";
    private readonly TestDatabase _database;
    private GeographyImporter _importer = null!;

    public ShrinkGuardTests(TestDatabase database) => _database = database;

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        _importer = new GeographyImporter(_database.DataSource);
        await using var command = _database.DataSource.CreateCommand("DELETE FROM quartier_commune; DELETE FROM quartier");
        await command.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<string> Fingerprint() => _database.ScalarAsync<string>("""
        SELECT md5(coalesce(string_agg(q.version || q.code || q.name || q.in_register || coalesce(md5(ST_AsBinary(q.perimeter)), '-'), ','
               ORDER BY q.version, q.code), ''))
        FROM quartier q
        """);

    private Task<long> Revision() => _database.ScalarAsync<long>("SELECT revision FROM data_revision");

    private static string LyonWith(Func<JsonArray, IEnumerable<JsonNode?>> keep, string name)
    {
        var collection = LyonFiles.Load();
        var kept = keep(collection["features"]!.AsArray()).Select(f => f!.DeepClone()).ToArray();
        collection["features"] = new JsonArray(kept);
        return LyonFiles.Save(collection, name);
    }

    private static string Code(JsonNode? feature) => feature!["properties"]!["CODE_QP"]!.GetValue<string>();

    [Fact]
    public async Task An_empty_perimeter_file_is_refused_and_the_edition_is_untouched()
    {
        await _importer.ImportPerimetersAsync(LyonFiles.Original);
        var (before, revision) = (await Fingerprint(), await Revision());
        var empty = LyonWith(_ => [], "empty.geojson");

        var outcome = await _importer.ImportPerimetersAsync(empty, GeographyVersions.Qpv2015, ImportSafeguard.ReplacingAll);

        Assert.Equal(ImportStatus.Refused, outcome.Status);
        Assert.Contains("holds no features", Assert.Single(outcome.Problems));
        Assert.Equal(before, await Fingerprint());
        Assert.Equal(revision, await Revision());
        Assert.Equal(37L, await _database.ScalarAsync<long>("SELECT count(*) FROM quartier WHERE version = 'qpv2015' AND perimeter IS NOT NULL"));
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT count(*) FROM import_audit WHERE outcome = 'refused' AND file_name = 'empty.geojson'"));
    }

    [Fact]
    public async Task A_truncated_perimeter_file_is_refused_naming_what_it_would_remove()
    {
        await _importer.ImportPerimetersAsync(LyonFiles.Original);
        var (before, revision) = (await Fingerprint(), await Revision());
        var all = LyonFiles.Load()["features"]!.AsArray();
        var firstDropped = Code(all[10]);
        var truncated = LyonWith(features => features.Take(10), "truncated.geojson");

        var outcome = await _importer.ImportPerimetersAsync(truncated);

        Assert.Equal(ImportStatus.Refused, outcome.Status);
        var problem = Assert.Single(outcome.Problems);
        Assert.Contains("would remove 27 of the 37 qpv2015 perimeters", problem);
        Assert.Contains(firstDropped, problem);
        Assert.Contains("--replace-all", problem);
        Assert.Equal(before, await Fingerprint());
        Assert.Equal(revision, await Revision());
    }

    [Fact]
    public async Task Replace_all_applies_a_smaller_edition_and_the_outcome_lists_what_left()
    {
        await _importer.ImportPerimetersAsync(LyonFiles.Original);
        var dropped = LyonFiles.Load()["features"]!.AsArray().Skip(10).Select(Code).ToArray();
        var truncated = LyonWith(features => features.Take(10), "smaller-edition.geojson");

        var outcome = await _importer.ImportPerimetersAsync(truncated, safeguard: ImportSafeguard.ReplacingAll);

        Assert.Equal(ImportStatus.Applied, outcome.Status);
        Assert.Equal(dropped.Order(StringComparer.Ordinal), outcome.Removed.Select(r => r.Split(' ')[0]));
        Assert.Contains($"removed {dropped[0]}", outcome.Describe());
        Assert.Equal(10L, await _database.ScalarAsync<long>("SELECT count(*) FROM quartier WHERE version = 'qpv2015' AND perimeter IS NOT NULL"));
    }

    [Fact]
    public async Task The_share_removed_without_asking_is_configurable()
    {
        await _importer.ImportPerimetersAsync(LyonFiles.Original);
        var fewer = LyonWith(features => features.Skip(5), "five-fewer.geojson");

        var strict = await _importer.ImportPerimetersAsync(fewer, safeguard: ImportSafeguard.Default with { MaxRemovedShare = 0.1 });
        var lenient = await _importer.ImportPerimetersAsync(fewer, safeguard: ImportSafeguard.Default with { MaxRemovedShare = 0.2 });

        // 5 of 37 is 13.5 %: above 10 %, within 20 %.
        Assert.Equal(ImportStatus.Refused, strict.Status);
        Assert.Equal(ImportStatus.Applied, lenient.Status);
        Assert.Equal(5, lenient.Removed.Count);
    }

    [Fact]
    public async Task A_file_covering_its_whole_register_may_drop_quartiers_that_left_it()
    {
        await _importer.ImportPerimetersAsync(LyonFiles.Original);
        var kept = LyonFiles.Load()["features"]!.AsArray().Take(12).ToArray();
        var register = Path.Combine(Directory.CreateTempSubdirectory("geographie-test-").FullName, "registre_2015_partiel.csv");
        await File.WriteAllLinesAsync(register, new[] { "code_qp,lib_qp,insee_com,lib_com" }
            .Concat(kept.Select(f => $"{Code(f)},\"{f!["properties"]!["Nom du QPV"]!.GetValue<string>()}\",69266,Villeurbanne")));
        Assert.Equal(ImportStatus.Applied, (await _importer.ImportRegisterAsync(register, GeographyVersions.Qpv2015)).Status);
        var whole = LyonWith(features => features.Take(12), "whole-register.geojson");

        var outcome = await _importer.ImportPerimetersAsync(whole, GeographyVersions.Qpv2015);

        Assert.Equal(ImportStatus.Applied, outcome.Status);
        Assert.Equal(25, outcome.Removed.Count);
    }

    [Fact]
    public async Task A_register_cut_short_is_refused_and_the_register_stays_whole()
    {
        await _importer.ImportRegisterAsync(Geodata.Path(Register2024), GeographyVersions.Qpv2024);
        var (before, revision) = (await Fingerprint(), await Revision());
        var cut = Path.Combine(Directory.CreateTempSubdirectory("geographie-test-").FullName, "registre_coupe.csv");
        await File.WriteAllLinesAsync(cut, File.ReadLines(Geodata.Path(Register2024)).Take(100));

        var outcome = await _importer.ImportRegisterAsync(cut, GeographyVersions.Qpv2024);

        Assert.Equal(ImportStatus.Refused, outcome.Status);
        Assert.Matches(@"would remove 14\d\d of the 1493 qpv2024 register codes", Assert.Single(outcome.Problems));
        Assert.Equal(before, await Fingerprint());
        Assert.Equal(revision, await Revision());
        Assert.Equal(1493L, await _database.ScalarAsync<long>("SELECT count(*) FROM quartier WHERE version = 'qpv2024' AND in_register"));
    }

    [Fact]
    public async Task A_register_with_a_header_only_is_refused()
    {
        await _importer.ImportRegisterAsync(Geodata.Path(Register2024), GeographyVersions.Qpv2024);
        var before = await Fingerprint();
        var headerOnly = Path.Combine(Directory.CreateTempSubdirectory("geographie-test-").FullName, "registre_vide.csv");
        await File.WriteAllLinesAsync(headerOnly, File.ReadLines(Geodata.Path(Register2024)).Take(1));

        var outcome = await _importer.ImportRegisterAsync(headerOnly, GeographyVersions.Qpv2024, ImportSafeguard.ReplacingAll);

        Assert.Equal(ImportStatus.Refused, outcome.Status);
        Assert.Contains("holds no register rows", Assert.Single(outcome.Problems));
        Assert.Equal(before, await Fingerprint());
    }

    [Fact]
    public async Task An_empty_commune_outline_file_is_refused()
    {
        var empty = LyonWith(_ => [], "communes_vides.geojson");

        var outcome = await _importer.ImportCommuneOutlinesAsync(empty);

        Assert.Equal(ImportStatus.Refused, outcome.Status);
        Assert.Contains("holds no commune outlines", Assert.Single(outcome.Problems));
    }
}
