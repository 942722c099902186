using System.Globalization;
using Geographie.Domain.Geography;
using Geographie.Import.Csv;
using Geographie.Storage.Imports;
using Geographie.Testing;

namespace Geographie.Storage.Tests.Imports;

public sealed class RegisterImportTests : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly TestDatabase _database;
    private ImportOutcome _outcome = null!;

    public RegisterImportTests(TestDatabase database) => _database = database;

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        _outcome = await new GeographyImporter(_database.DataSource)
            .ImportRegisterAsync(Geodata.Path("qpv2024/registre_qpv2024_par_commune.csv"), GeographyVersions.Qpv2024);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_whole_2024_register_is_stored_without_perimeters()
    {
        Assert.NotEqual(ImportStatus.Refused, _outcome.Status);
        Assert.Equal(1493L, await _database.ScalarAsync<long>("SELECT count(DISTINCT code) FROM quartier WHERE version = 'qpv2024'"));
        Assert.Equal(1362L, await _database.ScalarAsync<long>(
            "SELECT count(*) FROM quartier WHERE version = 'qpv2024' AND departement NOT LIKE '97%'"));
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM quartier WHERE perimeter IS NOT NULL"));
        Assert.Equal(71L, await _database.ScalarAsync<long>("SELECT count(*) FROM quartier WHERE version = 'qpv2024' AND departement = '13'"));
    }

    [Fact]
    public async Task The_metropole_holds_66_quartiers_across_14_communes()
    {
        var metropole = MetropoleCodes();
        Assert.Equal(66, metropole.Length);
        var codes = "'" + string.Join("','", metropole) + "'";
        Assert.Equal(66L, await _database.ScalarAsync<long>($"SELECT count(*) FROM quartier WHERE version = 'qpv2024' AND code IN ({codes})"));
        // A quartier's first commune is the one it belongs to; Les Escourtines also reaches La Penne-sur-Huveaune.
        Assert.Equal(14L, await _database.ScalarAsync<long>(
            $"SELECT count(DISTINCT insee) FROM quartier_commune WHERE version = 'qpv2024' AND position = 0 AND code IN ({codes})"));
        Assert.Equal("Pertuis", await _database.ScalarAsync<string>(
            "SELECT commune_name FROM quartier_commune WHERE code = 'QN08406M' AND insee = '84089'"));
        Assert.Equal(2L, await _database.ScalarAsync<long>("SELECT count(*) FROM quartier_commune WHERE code = 'QN01341I'"));
    }

    [Fact]
    public async Task A_joined_commune_label_is_resolved_to_the_name_of_its_insee_code()
    {
        Assert.Equal("Saint-Quentin", await _database.ScalarAsync<string>(
            "SELECT commune_name FROM quartier_commune WHERE code = 'QN00202M' AND insee = '02691'"));
    }

    private static string[] MetropoleCodes()
    {
        using var csv = CsvRowReader.Open(new StreamReader(Geodata.Path("qpv2024/registre_qpv2024_bouches_du_rhone_et_pertuis.csv")), out var header);
        var code = header!.ToList().IndexOf("code_qp");
        var amp = header!.ToList().IndexOf("in_metropole_amp");
        var codes = new HashSet<string>();
        while (csv.ReadRow() is { } row)
        {
            if (row[amp] == "yes")
            {
                codes.Add(row[code]);
            }
        }
        return codes.Order(StringComparer.Ordinal).ToArray();
    }
}
