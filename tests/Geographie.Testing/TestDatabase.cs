using Geographie.Storage;
using Npgsql;

namespace Geographie.Testing;

/// <summary>
/// A fresh PostGIS database for one test class, on the server of GEOGRAPHIE_DB (else the local cluster),
/// created empty and dropped afterwards, so no test depends on another's data. Needs CREATEDB rights.
/// Use as an xunit class fixture.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private readonly string _adminConnectionString = GeographieDatabase.ConnectionStringFromEnvironment();

    /// <summary>The database's name.</summary>
    public string Name { get; } = "geographie_test_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Connection string of the test database.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = Name, Pooling = true }.ToString();

    /// <summary>A data source on it (NetTopologySuite plugin on).</summary>
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        DataSource = GeographieDatabase.CreateDataSource(ConnectionString);
    }

    /// <summary>Applies the migrations (most tests want the schema).</summary>
    public Task MigrateAsync() => Migrator.MigrateAsync(DataSource);

    /// <summary>Runs a scalar query.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Opens or shuts the database to every new connection and ends the open ones: a database outage as the
    /// service's pool sees it, without stopping the server other tests use.
    /// </summary>
    public async Task SetReachableAsync(bool reachable)
    {
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var alter = new NpgsqlCommand($"""
            ALTER DATABASE "{Name}" WITH ALLOW_CONNECTIONS {reachable.ToString().ToLowerInvariant()};
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{Name}' AND pid <> pg_backend_pid();
            """, admin);
        await alter.ExecuteNonQueryAsync();
        NpgsqlConnection.ClearAllPools();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
