using System.Text;
using Geographie.Tiles;
using NetTopologySuite.IO;
using Npgsql;

namespace Geographie.Benchmarks.Tiles;

/// <summary>Copy of tests/Geographie.Tiles.Tests/Support/PostGisTiles.cs (benchmarks cannot reference the test project).
/// The PostGIS peer: loads layers into TEMP tables (EPSG:3857, GiST-indexed) on one connection and builds tiles with
/// ST_AsMVTGeom/ST_AsMVT (extent 4096, buffer 64, clip on), one query per tile. Not thread-safe (one connection).
/// </summary>
public sealed class PostGisTiles : IDisposable
{
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Username=geographie;Password=geographie;Database=geographie";

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlCommand _tileCommand;

    public PostGisTiles(IReadOnlyList<TileLayer> layers)
    {
        string cs = Environment.GetEnvironmentVariable("GEOGRAPHIE_DB") ?? DefaultConnectionString;
        _connection = new NpgsqlConnection(cs);
        _connection.Open();
        var parts = new List<string>();
        foreach (TileLayer layer in layers)
        {
            string table = Load(layer);
            string columns = string.Join(", ", Columns(layer).Select(c => Quote(c.Name)));
            parts.Add($"""
                COALESCE((SELECT ST_AsMVT(q, '{layer.Name}', 4096, 'geom', 'id') FROM (
                    SELECT id{(columns.Length > 0 ? ", " + columns : string.Empty)}, ST_AsMVTGeom(geom, ST_TileEnvelope(@z, @x, @y), 4096, 64, true) AS geom
                    FROM {table}
                    WHERE geom && ST_TileEnvelope(@z, @x, @y, margin => 64.0 / 4096)) q WHERE geom IS NOT NULL), ''::bytea)
                """);
        }

        _tileCommand = new NpgsqlCommand("SELECT " + string.Join(" || ", parts), _connection);
        _tileCommand.Parameters.Add(new NpgsqlParameter<int>("z", 0));
        _tileCommand.Parameters.Add(new NpgsqlParameter<int>("x", 0));
        _tileCommand.Parameters.Add(new NpgsqlParameter<int>("y", 0));
        _tileCommand.Prepare();
    }

    public string PostGisVersion
    {
        get
        {
            using var cmd = new NpgsqlCommand("SELECT postgis_full_version()", _connection);
            return (string)cmd.ExecuteScalar()!;
        }
    }

    /// <summary>ST_AsMVT bytes, or null when empty.</summary>
    public byte[]? BuildTile(TileAddress tile)
    {
        ((NpgsqlParameter<int>)_tileCommand.Parameters[0]).TypedValue = tile.Z;
        ((NpgsqlParameter<int>)_tileCommand.Parameters[1]).TypedValue = tile.X;
        ((NpgsqlParameter<int>)_tileCommand.Parameters[2]).TypedValue = tile.Y;
        var bytes = (byte[])_tileCommand.ExecuteScalar()!;
        return bytes.Length == 0 ? null : bytes;
    }

    public void Dispose()
    {
        _tileCommand.Dispose();
        _connection.Dispose();
    }

    private string Load(TileLayer layer)
    {
        string table = "tiles_" + layer.Name;
        (string Name, string Type)[] columns = Columns(layer);
        var ddl = new StringBuilder($"DROP TABLE IF EXISTS {table}; CREATE TEMP TABLE {table} (id bigint NOT NULL");
        foreach ((string name, string type) in columns)
        {
            ddl.Append(", ").Append(Quote(name)).Append(' ').Append(type);
        }

        ddl.Append(", geom geometry NOT NULL)");
        Execute(ddl.ToString());

        var writer = new WKBWriter();
        string insert = $"INSERT INTO {table} VALUES (@id, {string.Join(", ", columns.Select((_, i) => "@p" + i))}{(columns.Length > 0 ? ", " : string.Empty)}ST_Transform(ST_SetSRID(ST_GeomFromWKB(@wkb), 4326), 3857))";
        using NpgsqlTransaction tx = _connection.BeginTransaction();
        foreach (TileFeature f in layer.Features)
        {
            using var cmd = new NpgsqlCommand(insert, _connection, tx);
            cmd.Parameters.AddWithValue("id", (long)f.Id);
            for (int i = 0; i < columns.Length; i++)
            {
                cmd.Parameters.AddWithValue("p" + i, f.Properties.TryGetValue(columns[i].Name, out object? v) ? v : DBNull.Value);
            }

            cmd.Parameters.AddWithValue("wkb", writer.Write(f.Geometry));
            cmd.ExecuteNonQuery();
        }

        tx.Commit();
        Execute($"CREATE INDEX ON {table} USING gist (geom); ANALYZE {table}");
        return table;
    }

    private static (string Name, string Type)[] Columns(TileLayer layer) => layer.Features
        .SelectMany(f => f.Properties)
        .GroupBy(kv => kv.Key)
        .Select(g => (g.Key, g.First().Value switch
        {
            string => "text",
            bool => "boolean",
            double or float => "double precision",
            _ => "bigint",
        }))
        .ToArray();

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private void Execute(string sql)
    {
        using var cmd = new NpgsqlCommand(sql, _connection);
        cmd.ExecuteNonQuery();
    }
}
