using System.Globalization;
using Microsoft.Data.Sqlite;
using NetTopologySuite.IO;

namespace Geographie.Import.Files;

/// <summary>
/// Reads the feature table of an OGC GeoPackage (the largest one when there are several),
/// with the SRS declared in <c>gpkg_geometry_columns</c>.
/// </summary>
public static class GeoPackageFeatureReader
{
    /// <summary>Reads <paramref name="path"/>; throws <see cref="InvalidDataException"/> when it holds no feature table.</summary>
    public static SourceFile Read(string path)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();

        var (table, geometryColumn, srid) = FeatureTable(connection, path);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"")}\"";
        using var reader = command.ExecuteReader();
        var geoReader = new GeoPackageGeoReader();
        var features = new List<SourceFeature>();
        while (reader.Read())
        {
            var attributes = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            NetTopologySuite.Geometries.Geometry? geometry = null;
            string? error = null;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var name = reader.GetName(i);
                if (string.Equals(name, geometryColumn, StringComparison.OrdinalIgnoreCase))
                {
                    if (reader.IsDBNull(i))
                    {
                        error = "the feature has no geometry";
                        continue;
                    }
                    try
                    {
                        geometry = geoReader.Read((byte[])reader.GetValue(i));
                    }
                    catch (Exception e) when (e is ArgumentException or InvalidOperationException or ParseException or IOException)
                    {
                        error = e.Message;
                    }
                }
                else
                {
                    attributes[name] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
                }
            }
            features.Add(new SourceFeature(features.Count, attributes, geometry, error));
        }
        return new SourceFile(path, "GeoPackage", srid, features);
    }

    private static (string Table, string GeometryColumn, int Srid) FeatureTable(SqliteConnection connection, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT g.table_name, g.column_name, g.srs_id
            FROM gpkg_geometry_columns g JOIN gpkg_contents c ON c.table_name = g.table_name
            WHERE c.data_type = 'features'
            """;
        var candidates = new List<(string, string, int)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                candidates.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
            }
        }
        if (candidates.Count == 0)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} is a GeoPackage without a feature table.");
        }
        return candidates.MaxBy(c => RowCount(connection, c.Item1));
    }

    private static long RowCount(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM \"{table.Replace("\"", "\"\"")}\"";
        return (long)command.ExecuteScalar()!;
    }
}
