using System.Data;
using System.Text.Json;
using Geographie.Domain.Contrat;
using Geographie.Domain.Quartiers;
using Geographie.Domain.Snapshots;
using Geographie.Import.Contrat;
using NetTopologySuite.Geometries;
using Npgsql;

namespace Geographie.Storage.Reading;

/// <summary>
/// Reads the data of record from PostGIS in one consistent snapshot (REPEATABLE READ), with the revision it
/// belongs to, so an index is never built from half an import.
/// </summary>
public sealed class StoredDataReader(NpgsqlDataSource dataSource) : ISnapshotSource
{
    /// <inheritdoc />
    public async Task<long> ReadRevisionAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT revision FROM data_revision");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// How many imports of each kind ended in each outcome, read from <c>import_audit</c>: every process's imports,
    /// the command line's included, so a service can report them although it did not run them.
    /// </summary>
    public async Task<IReadOnlyList<ImportTally>> ReadImportTalliesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT kind, outcome, count(*) FROM import_audit GROUP BY kind, outcome ORDER BY kind, outcome");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tallies = new List<ImportTally>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tallies.Add(new ImportTally(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }
        return tallies;
    }

    /// <inheritdoc />
    public async Task<SnapshotData> ReadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        long revision;
        await using (var command = new NpgsqlCommand("SELECT revision FROM data_revision", connection, transaction))
        {
            revision = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        var quartiers = new List<Quartier>();
        await using (var command = new NpgsqlCommand(SqlScripts.Query("select_quartiers"), connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var insees = reader.GetFieldValue<string?[]>(6);
                var names = reader.GetFieldValue<string[]>(7);
                quartiers.Add(new Quartier(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : (MultiPolygon)reader.GetValue(4),
                    reader.IsDBNull(5) ? null : reader.GetDouble(5))
                {
                    Communes = names.Select((n, i) => new CommuneRef(insees[i], n)).ToArray(),
                });
            }
        }
        var communes = new List<Commune>();
        await using (var command = new NpgsqlCommand(SqlScripts.Query("select_communes"), connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                communes.Add(new Commune(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                    reader.IsDBNull(3) ? null : (MultiPolygon)reader.GetValue(3)));
            }
        }
        var contrat = await ReadContratAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SnapshotData(revision, quartiers, communes, contrat);
    }

    private static async Task<ContratDeVille> ReadContratAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        async Task<List<T>> Bodies<T>(string table, string order)
        {
            var records = new List<T>();
            await using var command = new NpgsqlCommand($"SELECT body::text FROM {table} ORDER BY {order}", connection, transaction);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                records.Add(JsonSerializer.Deserialize<T>(reader.GetString(0), ContratFiles.Options)!);
            }
            return records;
        }
        var territoires = await Bodies<Territoires>("contrat_territoires", "singleton");
        if (territoires.Count == 0)
        {
            return ContratDeVille.Empty;
        }
        return new ContratDeVille(
            await Bodies<Defi>("defi", "number"),
            await Bodies<Orientation>("orientation", "number"),
            await Bodies<Projet>("projet", "id"),
            await Bodies<Chantier>("chantier", "id"),
            await Bodies<Deliberation>("deliberation", "id"),
            territoires[0]);
    }
}
