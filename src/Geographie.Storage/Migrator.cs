using Geographie.Domain.Geography;
using Npgsql;

namespace Geographie.Storage;

/// <summary>
/// Applies the numbered migrations of <c>Sql/Migrations</c> that the database has not seen, each in its own
/// transaction, under an advisory lock so concurrent replicas or imports never apply one twice. Then writes the
/// catalogue of geography editions. Safe to run on every start.
/// </summary>
public static class Migrator
{
    private const long LockKey = 0x6765_6f67_7261_70; // "geograp"

    /// <summary>The oldest PostGIS major.minor this schema is written for.</summary>
    public static readonly Version MinimumPostGis = new(3, 1);

    /// <summary>Applies pending migrations; returns the versions applied now (empty when up to date).</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Execute(connection, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            await Execute(connection, "CREATE EXTENSION IF NOT EXISTS postgis", cancellationToken);
            await CheckPostGisVersion(connection, cancellationToken);
            await Execute(connection, """
                CREATE TABLE IF NOT EXISTS schema_migration (
                    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);
            var applied = new HashSet<int>();
            await using (var command = new NpgsqlCommand("SELECT version FROM schema_migration", connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }
            var appliedNow = new List<int>();
            foreach (var (version, name, sql) in SqlScripts.Migrations().Where(m => !applied.Contains(m.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await Execute(connection, sql, cancellationToken);
                await using var record = new NpgsqlCommand("INSERT INTO schema_migration (version, name) VALUES (@v, @n)", connection);
                record.Parameters.AddWithValue("v", version);
                record.Parameters.AddWithValue("n", name);
                await record.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                appliedNow.Add(version);
            }
            await WriteCatalogue(connection, cancellationToken);
            if (appliedNow.Count > 0)
            {
                // The types created by the migrations (geometry columns) must be known to pooled connections.
                await connection.ReloadTypesAsync(cancellationToken);
            }
            return appliedNow;
        }
        finally
        {
            await Execute(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    private static async Task CheckPostGisVersion(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT extversion FROM pg_extension WHERE extname = 'postgis'", connection);
        var text = (string?)await command.ExecuteScalarAsync(cancellationToken) ?? "0.0";
        var version = Version.Parse(string.Join('.', text.Split('.', '-').Take(2)));
        if (version < MinimumPostGis)
        {
            throw new InvalidOperationException($"PostGIS {text} is too old: Geographie needs PostGIS {MinimumPostGis} or newer.");
        }
    }

    private static async Task WriteCatalogue(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        foreach (var v in GeographyVersions.All)
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO geography_version AS g VALUES (@code, @decret, @mf, @mu, @of, @ou, @expected)
                ON CONFLICT (code) DO UPDATE SET decret = excluded.decret, metropole_from = excluded.metropole_from,
                    metropole_until = excluded.metropole_until, overseas_from = excluded.overseas_from,
                    overseas_until = excluded.overseas_until, expected_quartiers = excluded.expected_quartiers
                WHERE (g.decret, g.metropole_from, g.metropole_until, g.overseas_from, g.overseas_until, g.expected_quartiers)
                   IS DISTINCT FROM (excluded.decret, excluded.metropole_from, excluded.metropole_until,
                                     excluded.overseas_from, excluded.overseas_until, excluded.expected_quartiers)
                """, connection);
            command.Parameters.AddWithValue("code", v.Code);
            command.Parameters.AddWithValue("decret", v.Decret);
            command.Parameters.AddWithValue("mf", v.MetropoleFrom);
            command.Parameters.AddWithValue("mu", (object?)v.MetropoleUntil ?? DBNull.Value);
            command.Parameters.AddWithValue("of", v.OverseasFrom);
            command.Parameters.AddWithValue("ou", (object?)v.OverseasUntil ?? DBNull.Value);
            command.Parameters.AddWithValue("expected", v.ExpectedQuartierCount);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
