using Geographie.Storage.Imports;
using Geographie.Storage.Reading;
using Geographie.Testing;

namespace Geographie.Storage.Tests.Imports;

/// <summary>The address import on the real BAL extract of Mont-Bonvillers; each test on its own database.</summary>
public sealed class AddressImportTests : IClassFixture<TestDatabase>, IAsyncLifetime, IDisposable
{
    private const string Bal = "addresses/bal_54084_mont-bonvillers.csv";
    private readonly TestDatabase _database;
    private readonly string _folder = Directory.CreateTempSubdirectory("geographie-address-import-").FullName;

    public AddressImportTests(TestDatabase database) => _database = database;

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        await using var clear = _database.DataSource.CreateCommand("TRUNCATE address");
        await clear.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_real_extract_is_stored_then_a_second_import_changes_nothing()
    {
        var importer = new AddressImporter(_database.DataSource);
        var first = await importer.ImportAsync(Geodata.Path(Bal));
        Assert.Equal((ImportStatus.Applied, 486, 486), (first.Status, first.FeatureCount, first.ChangedCount));
        Assert.Equal(486L, await _database.ScalarAsync<long>("SELECT count(*) FROM address WHERE commune_insee = '54084'"));
        Assert.Equal("Rue Joffre", await _database.ScalarAsync<string>(
            "SELECT street FROM address WHERE id = '54084_0200_00001' AND ST_Equals(geom, ST_SetSRID(ST_MakePoint(5.833622, 49.322203), 4326))"));
        var second = await importer.ImportAsync(Geodata.Path(Bal));
        Assert.Equal((ImportStatus.Unchanged, 0), (second.Status, second.ChangedCount));
        var read = await new AddressReader(_database.DataSource).ReadAsync();
        Assert.Equal(486, read.Count);
    }

    [Fact]
    public async Task Re_importing_a_commune_replaces_its_addresses_within_the_safeguard()
    {
        var importer = new AddressImporter(_database.DataSource);
        await importer.ImportAsync(Geodata.Path(Bal));
        // Test-only: the real file without its last 10 rows, and one position moved by 0.0001°.
        var lines = File.ReadAllLines(Geodata.Path(Bal));
        var kept = lines.Take(lines.Length - 10).ToArray();
        kept[1] = kept[1].Replace(";5.833622;", ";5.833722;", StringComparison.Ordinal);
        var outcome = await importer.ImportAsync(Write("fewer.csv", kept));
        Assert.Equal((ImportStatus.Applied, 10 + 2), (outcome.Status, outcome.ChangedCount));
        Assert.Equal(476L, await _database.ScalarAsync<long>("SELECT count(*) FROM address"));
        Assert.Equal(5.833722, await _database.ScalarAsync<double>("SELECT lon FROM address WHERE id = '54084_0200_00001'"));
    }

    [Fact]
    public async Task A_file_that_would_remove_most_of_a_commune_is_refused()
    {
        var importer = new AddressImporter(_database.DataSource);
        await importer.ImportAsync(Geodata.Path(Bal));
        var outcome = await importer.ImportAsync(Write("truncated.csv", File.ReadLines(Geodata.Path(Bal)).Take(50).ToArray()));
        Assert.Equal(ImportStatus.Refused, outcome.Status);
        Assert.Contains("would remove 437 of the 486 addresses of the file's communes", outcome.Problems[0]);
        Assert.Equal(486L, await _database.ScalarAsync<long>("SELECT count(*) FROM address"));
    }

    [Fact]
    public async Task An_empty_file_or_a_bad_row_never_touches_the_stored_addresses()
    {
        var importer = new AddressImporter(_database.DataSource);
        await importer.ImportAsync(Geodata.Path(Bal));
        var header = File.ReadLines(Geodata.Path(Bal)).First();
        var empty = await importer.ImportAsync(Write("empty.csv", header));
        Assert.Equal(ImportStatus.Refused, empty.Status);
        Assert.Contains("holds no address", empty.Problems[0]);
        var lines = File.ReadAllLines(Geodata.Path(Bal));
        lines[200] = lines[200].Replace(";54084;", ";540;", StringComparison.Ordinal);
        var bad = await importer.ImportAsync(Write("bad.csv", lines));
        Assert.Equal(ImportStatus.Refused, bad.Status);
        Assert.Contains("line 201: INSEE code '540' is not 5 characters", bad.Problems[0]);
        Assert.Equal(486L, await _database.ScalarAsync<long>("SELECT count(*) FROM address"));
    }

    [Fact]
    public async Task The_trigram_index_answers_a_misspelt_street_in_sql()
    {
        await new AddressImporter(_database.DataSource).ImportAsync(Geodata.Path(Bal));
        Assert.Equal("Rue Joffre", await _database.ScalarAsync<string>(
            "SELECT street FROM address WHERE street % 'rue jofre' ORDER BY similarity(street, 'rue jofre') DESC LIMIT 1"));
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
