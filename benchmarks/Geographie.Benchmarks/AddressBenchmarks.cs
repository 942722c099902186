using BenchmarkDotNet.Attributes;
using Geographie.Addresses;
using Geographie.Import.Addresses;
using Npgsql;

namespace Geographie.Benchmarks;

/// <summary>
/// Geocoding the 486 real BAL addresses of geodata/addresses, each from its own text with the commune
/// ("1 Rue Joffre Mont-Bonvillers"): the built-in in-memory <see cref="AddressIndex"/> (free text, single thread)
/// beside PostGIS <c>pg_trgm</c> search done directly in SQL in the same run (the same addresses in a TEMP table
/// with a GIN trigram index; the SQL is given the street and number already split, and all 486 in one round trip
/// through unnest + LATERAL, its most favourable form). Mean reads as time per address.
/// </summary>
public class AddressBenchmarks
{
    private const string Setup = """
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE TEMP TABLE bench_address (id text, street text, number int);
        INSERT INTO bench_address SELECT * FROM unnest(@ids, @streets, @numbers);
        CREATE INDEX ON bench_address USING gin (street gin_trgm_ops);
        ANALYZE bench_address;
        """;

    private const string Query = """
        SELECT t.i, m.id
        FROM unnest(@streets, @numbers) WITH ORDINALITY AS t(street, number, i)
        LEFT JOIN LATERAL (
            SELECT a.id FROM bench_address a
            WHERE a.street % t.street AND a.number = t.number
            ORDER BY similarity(a.street, t.street) DESC LIMIT 1) m ON true
        """;

    private AddressRecord[] _records = null!;
    private AddressIndex _index = null!;
    private AddressQuery[] _queries = null!;
    private NpgsqlConnection _conn = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _records = AddressFileReader.Read(Path.Combine(Workloads.Root, "geodata", "addresses", "bal_54084_mont-bonvillers.csv"), out _).ToArray();
        _index = new AddressIndex(_records);
        _queries = _records.Select(a => new AddressQuery(
            $"{(a.Number > 0 ? a.Number + (a.Suffix is null ? "" : " " + a.Suffix) + " " : "")}{a.Street} {a.CommuneName}")).ToArray();
        string cs = Geographie.Storage.GeographieDatabase.ConnectionStringFromEnvironment();
        _conn = new NpgsqlConnection(cs);
        _conn.Open();
        using var cmd = new NpgsqlCommand(Setup, _conn);
        cmd.Parameters.AddWithValue("ids", _records.Select(a => a.Id).ToArray());
        cmd.Parameters.AddWithValue("streets", _records.Select(a => a.Street).ToArray());
        cmd.Parameters.AddWithValue("numbers", _records.Select(a => a.Number).ToArray());
        cmd.ExecuteNonQuery();
    }

    [GlobalCleanup]
    public void Cleanup() => _conn.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = 486)]
    public int BuiltInInMemory()
    {
        var found = 0;
        foreach (var query in _queries)
        {
            found += _index.Search(query).Match is { Type: AddressMatchType.HouseNumber } ? 1 : 0;
        }
        return found;
    }

    [Benchmark(OperationsPerInvoke = 486)]
    public int PostGisTrigramSql()
    {
        using var cmd = new NpgsqlCommand(Query, _conn);
        cmd.Parameters.AddWithValue("streets", _records.Select(a => a.Street.ToLowerInvariant()).ToArray());
        cmd.Parameters.AddWithValue("numbers", _records.Select(a => a.Number).ToArray());
        using var reader = cmd.ExecuteReader();
        var found = 0;
        while (reader.Read())
        {
            found += reader.IsDBNull(1) ? 0 : 1;
        }
        return found;
    }
}
