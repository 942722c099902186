using System.Security.Cryptography;
using Npgsql;

namespace Geographie.Storage.Imports;

/// <summary>
/// The transaction every import shares: apply the staged change, publish a new data revision only if something
/// changed, and record the outcome in <c>import_audit</c>. A refusal is audited in its own transaction and
/// leaves the data untouched.
/// </summary>
internal sealed class ImportRunner(NpgsqlDataSource dataSource)
{
    /// <summary>Applies the staged change inside the import transaction; throws <see cref="ImportRefusal"/> to refuse it.</summary>
    public delegate Task<AppliedChange> Apply(NpgsqlConnection connection, CancellationToken cancellationToken);

    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    public async Task<ImportOutcome> RunAsync(
        string path, string kind, string? edition, int featureCount, IReadOnlyList<string> repairs,
        Apply apply, CancellationToken cancellationToken) =>
        await RunAsync(path, await Sha256Async(path, cancellationToken), kind, edition, featureCount, repairs, apply, cancellationToken);

    public async Task<ImportOutcome> RunAsync(
        string path, string sha, string kind, string? edition, int featureCount, IReadOnlyList<string> repairs,
        Apply apply, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // One import at a time per kind and edition: two concurrent imports of the same data would race on staging.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext(@k))", connection))
        {
            lockCommand.Parameters.AddWithValue("k", $"import:{kind}:{edition}");
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
        AppliedChange change;
        try
        {
            change = await apply(connection, cancellationToken);
        }
        catch (ImportRefusal refusal)
        {
            // Checked under the import lock, against the data the change would replace; nothing of it is kept.
            await transaction.RollbackAsync(cancellationToken);
            return await RefuseAsync(path, sha, kind, edition, featureCount, [refusal.Message], cancellationToken);
        }
        var changed = change.Changed;
        if (changed > 0)
        {
            await using var bump = new NpgsqlCommand(SqlScripts.Query("bump_revision"), connection);
            await bump.ExecuteNonQueryAsync(cancellationToken);
        }
        var outcome = new ImportOutcome(
            changed > 0 ? ImportStatus.Applied : ImportStatus.Unchanged,
            kind, edition, Path.GetFileName(path), sha, featureCount, changed, repairs, [], change.Removed);
        await AuditAsync(connection, outcome, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    public async Task<ImportOutcome> RefuseAsync(
        string path, string kind, string? edition, int featureCount, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var sha = File.Exists(path) ? await Sha256Async(path, cancellationToken) : string.Empty;
        return await RefuseAsync(path, sha, kind, edition, featureCount, problems, cancellationToken);
    }

    public async Task<ImportOutcome> RefuseAsync(
        string path, string sha, string kind, string? edition, int featureCount, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var outcome = new ImportOutcome(ImportStatus.Refused, kind, edition, Path.GetFileName(path), sha, featureCount, 0, [], problems, []);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await AuditAsync(connection, outcome, cancellationToken);
        return outcome;
    }

    private static async Task AuditAsync(NpgsqlConnection connection, ImportOutcome outcome, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO import_audit (file_name, sha256, kind, edition, feature_count, changed_count, repaired, outcome, message)
            VALUES (@file, @sha, @kind, @edition, @features, @changed, @repaired, @outcome, @message)
            """, connection);
        command.Parameters.AddWithValue("file", Storable(outcome.FileName));
        command.Parameters.AddWithValue("sha", outcome.Sha256);
        command.Parameters.AddWithValue("kind", outcome.Kind);
        command.Parameters.AddWithValue("edition", (object?)outcome.Edition ?? DBNull.Value);
        command.Parameters.AddWithValue("features", outcome.FeatureCount);
        command.Parameters.AddWithValue("changed", outcome.ChangedCount);
        command.Parameters.AddWithValue("repaired", outcome.Repairs.Select(Storable).ToArray());
        command.Parameters.AddWithValue("outcome", outcome.Status.ToString().ToLowerInvariant());
        command.Parameters.AddWithValue("message", Storable(outcome.Describe()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // PostgreSQL text cannot hold NUL, and a refused file's problems quote its bytes.
    private static string Storable(string text) => text.Replace('\0', '\uFFFD');
}

/// <summary>What an applied import changed: the rows it wrote and what it removed (code and name, for the audit).</summary>
internal readonly record struct AppliedChange(int Changed, IReadOnlyList<string> Removed)
{
    public AppliedChange(int changed) : this(changed, []) { }
}

/// <summary>Thrown inside <see cref="ImportRunner.Apply"/> when the staged data must not replace what is stored.</summary>
internal sealed class ImportRefusal(string reason) : Exception(reason);
