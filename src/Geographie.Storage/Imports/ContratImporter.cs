using System.Security.Cryptography;
using System.Text.Json;
using Geographie.Domain.Contrat;
using Geographie.Import.Contrat;
using Npgsql;

namespace Geographie.Storage.Imports;

/// <summary>
/// Loads the Contrat de ville data folder (geodata/contrat) into PostGIS in one transaction. Refused whole, naming
/// the record, when a file is malformed or a record has no source, an unknown orientation or défi, or a QPV code
/// or commune the register does not know. Unchanged data is a no-op. Thread-safe.
/// </summary>
public sealed class ContratImporter(NpgsqlDataSource dataSource)
{
    private const string Kind = "contrat";

    // Part of the content hash: bump it when the stored shape of the records changes, so the next import rewrites them.
    private const string StorageFormat = "contrat-format-2";
    private readonly ImportRunner _runner = new(dataSource);

    /// <summary>Imports <paramref name="directory"/>; the register and communes must be imported first.</summary>
    public async Task<ImportOutcome> ImportAsync(string directory, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(directory))
        {
            return await _runner.RefuseAsync(directory, string.Empty, Kind, null, 0, [$"{directory} is not a folder"], cancellationToken);
        }
        var sha = await FolderSha256(directory, cancellationToken);
        ContratDeVille contrat;
        try
        {
            contrat = ContratFiles.Load(directory);
        }
        catch (InvalidDataException e)
        {
            return await _runner.RefuseAsync(directory, sha, Kind, null, 0, [e.Message], cancellationToken);
        }
        var count = contrat.Defis.Count + contrat.Orientations.Count + contrat.Projets.Count + contrat.Chantiers.Count + contrat.Deliberations.Count;
        var (codes, communes) = await KnownPlaces(cancellationToken);
        var problems = ContratValidator.Problems(contrat, codes, communes);
        if (problems.Count > 0)
        {
            return await _runner.RefuseAsync(directory, sha, Kind, null, count, problems, cancellationToken);
        }
        return await _runner.RunAsync(directory, sha, Kind, null, count, [], async (connection, ct) =>
        {
            await using (var last = new NpgsqlCommand("""
                SELECT sha256 FROM import_audit WHERE kind = 'contrat' AND outcome <> 'refused' ORDER BY id DESC LIMIT 1
                """, connection))
            {
                if ((string?)await last.ExecuteScalarAsync(ct) == sha && await HasContrat(connection, ct))
                {
                    return new AppliedChange(0);
                }
            }
            await Replace(connection, contrat, ct);
            return new AppliedChange(count);
        }, cancellationToken);
    }

    private static async Task<bool> HasContrat(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM defi)", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<(HashSet<string> Codes, HashSet<string> Communes)> KnownPlaces(CancellationToken cancellationToken)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var communes = new HashSet<string>(StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand(
            "SELECT 'q', code FROM quartier WHERE version = 'qpv2024' UNION ALL SELECT 'c', insee FROM commune");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            (reader.GetString(0) == "q" ? codes : communes).Add(reader.GetString(1));
        }
        return (codes, communes);
    }

    private static async Task Replace(NpgsqlConnection connection, ContratDeVille contrat, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection);
        void Add(string sql, params object?[] values)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var value in values)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            }
            batch.BatchCommands.Add(command);
        }
        string Json<T>(T record) => JsonSerializer.Serialize(record, ContratFiles.Options);

        Add("""
            TRUNCATE projet_defi, projet_scope, deliberation_territory, projet, defi, orientation, chantier,
                     deliberation, contrat_quartier, contrat_territoires
            """);
        foreach (var o in contrat.Orientations)
        {
            Add("INSERT INTO orientation VALUES ($1, $2, $3, $4, $5, $6::jsonb)", o.Id, o.Number, o.Title, o.Source.File, o.Source.Section, Json(o));
        }
        foreach (var d in contrat.Defis)
        {
            Add("INSERT INTO defi VALUES ($1, $2, $3, $4, $5, $6::jsonb)", d.Id, d.Number, d.Title, d.Source.File, d.Source.Section, Json(d));
        }
        foreach (var p in contrat.Projets)
        {
            Add("INSERT INTO projet VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)",
                p.Id, p.Title, p.OrientationId, p.Registres.ToArray(), p.Scope.Kind.Spelling(), p.Source.File, p.Source.Section, Json(p));
            foreach (var link in p.Defis)
            {
                Add("INSERT INTO projet_defi VALUES ($1, $2, $3, $4)", p.Id, link.DefiId, link.Editorial, link.Justification);
            }
            foreach (var insee in p.Scope.Kind == ProjetScopeKind.Communes ? p.Scope.Communes : [])
            {
                Add("INSERT INTO projet_scope (projet_id, insee) VALUES ($1, $2)", p.Id, insee);
            }
            foreach (var code in p.Scope.Kind == ProjetScopeKind.Quartiers ? p.Scope.Quartiers : [])
            {
                Add("INSERT INTO projet_scope (projet_id, version, code) VALUES ($1, 'qpv2024', $2)", p.Id, code);
            }
        }
        foreach (var c in contrat.Chantiers)
        {
            Add("INSERT INTO chantier VALUES ($1, $2, $3, $4, $5, $6::jsonb)", c.Id, c.Kind, c.Title, c.Source.File, c.Source.Section, Json(c));
        }
        foreach (var d in contrat.Deliberations)
        {
            Add("INSERT INTO deliberation VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)",
                d.Id, d.Kind, d.Reference, d.Date, d.Title, d.Source.File, d.Source.Section, Json(d));
            foreach (var insee in d.Territory.Communes)
            {
                Add("INSERT INTO deliberation_territory (deliberation_id, insee) VALUES ($1, $2)", d.Id, insee);
            }
            foreach (var code in d.Territory.Quartiers)
            {
                Add("INSERT INTO deliberation_territory (deliberation_id, version, code) VALUES ($1, 'qpv2024', $2)", d.Id, code);
            }
        }
        foreach (var q in contrat.Territoires.Quartiers)
        {
            Add("INSERT INTO contrat_quartier (code, seed_name, match_rule) VALUES ($1, $2, $3)", q.Code, q.SeedName, q.MatchRule);
        }
        Add("INSERT INTO contrat_territoires (body) VALUES ($1::jsonb)", Json(contrat.Territoires));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<string> FolderSha256(string directory, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(StorageFormat));
        foreach (var name in ContratFiles.Names)
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                hash.AppendData(await File.ReadAllBytesAsync(path, cancellationToken));
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
