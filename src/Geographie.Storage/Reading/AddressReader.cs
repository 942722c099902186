using Geographie.Addresses;
using Npgsql;

namespace Geographie.Storage.Reading;

/// <summary>Reads every stored address, for the in-memory <see cref="AddressIndex"/>. Thread-safe.</summary>
public sealed class AddressReader(NpgsqlDataSource dataSource) : IAddressSource
{
    /// <summary>The id of the last applied address import (0 for none).</summary>
    public async Task<long> ReadRevisionAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(SqlScripts.Query("select_address_revision"));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>All addresses, in commune and street order.</summary>
    public async Task<IReadOnlyList<AddressRecord>> ReadAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(SqlScripts.Query("select_addresses"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<AddressRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new AddressRecord(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4), reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetDouble(7), reader.GetDouble(8)));
        }
        return records;
    }
}
