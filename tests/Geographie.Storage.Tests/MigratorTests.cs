using Geographie.Storage;
using Geographie.Testing;

namespace Geographie.Storage.Tests;

public sealed class MigratorTests : IClassFixture<TestDatabase>
{
    private readonly TestDatabase _database;

    public MigratorTests(TestDatabase database) => _database = database;

    [Fact]
    public async Task Migrations_apply_to_an_empty_database_then_again_to_an_up_to_date_one()
    {
        var first = await Migrator.MigrateAsync(_database.DataSource);
        var second = await Migrator.MigrateAsync(_database.DataSource);

        Assert.Contains(1, first);
        Assert.Empty(second);
        var tables = await _database.ScalarAsync<long>("""
            SELECT count(*) FROM information_schema.tables
            WHERE table_name IN ('geography_version', 'commune', 'quartier', 'quartier_commune', 'import_audit', 'data_revision')
            """);
        Assert.Equal(6, tables);
        Assert.Equal(2L, await _database.ScalarAsync<long>("SELECT count(*) FROM geography_version"));
        Assert.Equal("Décret n° 2023-1314 du 28 décembre 2023",
            await _database.ScalarAsync<string>("SELECT decret FROM geography_version WHERE code = 'qpv2024'"));
        Assert.Equal(new DateOnly(2023, 12, 31),
            await _database.ScalarAsync<DateOnly>("SELECT metropole_until FROM geography_version WHERE code = 'qpv2015'"));
    }
}
