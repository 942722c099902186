using Geographie.Addresses;
using Geographie.Import.Addresses;
using Npgsql;
using NpgsqlTypes;

namespace Geographie.Storage.Imports;

/// <summary>
/// Imports BAL or BAN address files into the <c>address</c> table, one transaction per file: refused whole when a
/// row is bad (naming its line), when the file holds no address, or when it would remove more of the stored
/// addresses of its communes than its <see cref="ImportSafeguard"/> allows; otherwise the communes the file names
/// get exactly its addresses (other communes keep theirs), and a re-import of the same file changes nothing.
/// Thread-safe.
/// </summary>
public sealed class AddressImporter(NpgsqlDataSource dataSource)
{
    private const string Kind = "addresses";

    private readonly ImportRunner _runner = new(dataSource);

    /// <summary>Imports <paramref name="path"/>. Never throws for bad content: the outcome says why it was refused.</summary>
    public async Task<ImportOutcome> ImportAsync(string path, ImportSafeguard? safeguard = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<AddressRecord> records;
        try
        {
            records = AddressFileReader.Read(path, out _);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return await _runner.RefuseAsync(path, Kind, null, 0, [e.Message], cancellationToken);
        }
        if (records.Count == 0)
        {
            return await _runner.RefuseAsync(path, Kind, null, 0,
                ["the file holds no address: an empty file never removes stored addresses. Nothing was written."], cancellationToken);
        }
        return await _runner.RunAsync(path, Kind, null, records.Count, [], async (connection, ct) =>
        {
            await Stage(connection, records, ct);
            var removed = await Removed(connection, safeguard ?? ImportSafeguard.Default, ct);
            await using var replace = new NpgsqlCommand(SqlScripts.Query("replace_staged_addresses"), connection);
            return new AppliedChange(await replace.ExecuteNonQueryAsync(ct), removed);
        }, cancellationToken);
    }

    private static async Task Stage(NpgsqlConnection connection, IReadOnlyList<AddressRecord> records, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand(SqlScripts.Query("create_staged_addresses"), connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var writer = await connection.BeginBinaryImportAsync("COPY staged_address FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var a in records)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(a.Id, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(a.CommuneInsee, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(a.CommuneName, NpgsqlDbType.Text, cancellationToken);
            await WriteNullable(writer, a.Postcode, cancellationToken);
            await writer.WriteAsync(a.Street, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(a.Number, NpgsqlDbType.Integer, cancellationToken);
            await WriteNullable(writer, a.Suffix, cancellationToken);
            await writer.WriteAsync(a.Lon, NpgsqlDbType.Double, cancellationToken);
            await writer.WriteAsync(a.Lat, NpgsqlDbType.Double, cancellationToken);
        }
        await writer.CompleteAsync(cancellationToken);
    }

    private static async Task WriteNullable(NpgsqlBinaryImporter writer, string? text, CancellationToken cancellationToken)
    {
        if (text is null)
        {
            await writer.WriteNullAsync(cancellationToken);
        }
        else
        {
            await writer.WriteAsync(text, NpgsqlDbType.Text, cancellationToken);
        }
    }

    // The stored addresses of the file's communes that the file lacks, checked against the safeguard.
    private static async Task<IReadOnlyList<string>> Removed(NpgsqlConnection connection, ImportSafeguard safeguard, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(SqlScripts.Query("addresses_removed_by_staging"), connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var removed = reader.GetFieldValue<string[]>(0);
        var stored = reader.GetInt32(1);
        return safeguard.Refusal("addresses of the file's communes", stored, removed, coversRegister: false) is { } refusal
            ? throw new ImportRefusal(refusal)
            : removed;
    }
}
