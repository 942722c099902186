using System.Text;
using System.Text.Json.Nodes;
using Geographie.Testing;

namespace Geographie.Api.Tests.BadInput;

/// <summary>
/// Files an import must refuse, made in a temporary folder from the shipped real files. A modified real file is a
/// test-only copy (one feature, row or record broken on purpose), never data served as QPV.
/// </summary>
internal static class ImportCases
{
    /// <summary>What is imported: perimeters, register rows, commune outlines or the Contrat folder.</summary>
    public enum Kind { Perimeters, Register, Communes, Contrat }

    public sealed record ImportCase(Kind Kind, string Path);

    public static IReadOnlyDictionary<string, ImportCase> All => Cases.Value;

    private static readonly Lazy<Dictionary<string, ImportCase>> Cases = new(Build);

    private static readonly string Folder = Directory.CreateTempSubdirectory("geographie-badinput-").FullName;

    private static string Lyon => File.ReadAllText(Geodata.Path("qpv2015/qpv2015_metropole_lyon.geojson"));

    private static string Register => File.ReadAllText(Geodata.Path("qpv2024/registre_qpv2024_par_commune.csv"));

    private static Dictionary<string, ImportCase> Build()
    {
        var cases = new Dictionary<string, ImportCase>();
        var n = 0;
        string Write(string name, string text) => WriteBytes(name, Encoding.UTF8.GetBytes(text));
        string WriteBytes(string name, byte[] bytes)
        {
            var path = System.IO.Path.Combine(Folder, $"{++n:D3}-{name}");
            File.WriteAllBytes(path, bytes);
            return path;
        }
        string LyonWith(Action<JsonObject> breakFirstFeature)
        {
            var collection = JsonNode.Parse(Lyon)!.AsObject();
            breakFirstFeature(collection["features"]![0]!.AsObject());
            return collection.ToJsonString();
        }
        var garbage = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251)).ToArray();

        // Perimeters in GeoJSON.
        foreach (var (name, text) in new (string, string)[]
        {
            ("not json", "hello"), ("empty file", ""), ("empty object", "{}"), ("array", "[]"), ("null", "null"),
            ("features not an array", "{\"type\":\"FeatureCollection\",\"features\":\"x\"}"),
            ("truncated real file", Lyon[..10_000]), ("deep nesting", new string('[', 10_000)),
            ("geometry null", LyonWith(f => f["geometry"] = null)),
            ("geometry a point", LyonWith(f => f["geometry"] = JsonNode.Parse("{\"type\":\"Point\",\"coordinates\":[4.9,45.7]}"))),
            ("coordinates text", LyonWith(f => f["geometry"] = JsonNode.Parse("{\"type\":\"Polygon\",\"coordinates\":[[[\"a\",\"b\"],[1,2],[3,4],[\"a\",\"b\"]]]}"))),
            ("ring of two points", LyonWith(f => f["geometry"] = JsonNode.Parse("{\"type\":\"Polygon\",\"coordinates\":[[[4.9,45.7],[4.91,45.71]]]}"))),
            ("longitude 500", LyonWith(f => f["geometry"] = JsonNode.Parse("{\"type\":\"Polygon\",\"coordinates\":[[[500,45.7],[501,45.7],[501,46],[500,45.7]]]}"))),
            ("no code", LyonWith(f => f["properties"]!.AsObject().Remove("CODE_QP"))),
            ("code XX", LyonWith(f => f["properties"]!["CODE_QP"] = "XX")),
            ("code of another edition", LyonWith(f => f["properties"]!["CODE_QP"] = "QN06901M")),
            ("properties null", LyonWith(f => f["properties"] = null)),
            ("geometry type unknown", LyonWith(f => f["geometry"]!["type"] = "Circle")),
        })
        {
            cases[$"geojson {name}"] = new ImportCase(Kind.Perimeters, Write(name.Replace(' ', '-') + ".geojson", text));
        }
        cases["geojson binary garbage"] = new ImportCase(Kind.Perimeters, WriteBytes("garbage.geojson", garbage));
        // GeoPackage and Shapefile that are not.
        foreach (var extension in new[] { "gpkg", "shp" })
        {
            cases[$"{extension} zero bytes"] = new ImportCase(Kind.Perimeters, WriteBytes("zero." + extension, []));
            cases[$"{extension} garbage"] = new ImportCase(Kind.Perimeters, WriteBytes("garbage." + extension, garbage));
            cases[$"{extension} text"] = new ImportCase(Kind.Perimeters, Write("text." + extension, "not a " + extension));
            cases[$"{extension} GeoJSON inside"] = new ImportCase(Kind.Perimeters, Write("geojson." + extension, Lyon));
        }
        cases["gpkg SQLite without GeoPackage tables"] = new ImportCase(Kind.Perimeters, EmptySqlite(System.IO.Path.Combine(Folder, "plain-sqlite.gpkg")));
        // Files of no known format, and paths that are not files.
        foreach (var name in new[] { "perimeters.txt", "perimeters.kml", "perimeters.zip", "perimeters" })
        {
            cases[$"unknown format {name}"] = new ImportCase(Kind.Perimeters, Write(name, Lyon));
        }
        cases["missing file"] = new ImportCase(Kind.Perimeters, System.IO.Path.Combine(Folder, "missing.geojson"));
        cases["folder"] = new ImportCase(Kind.Perimeters, Directory.CreateDirectory(System.IO.Path.Combine(Folder, "folder.geojson")).FullName);

        // Register CSV.
        var lines = Register.Split('\n');
        foreach (var (name, text) in new (string, string)[]
        {
            ("empty file", ""), ("missing column", "code_qp,lib_qp,insee_com\nQN01344M,x,13201\n"),
            ("bad code", lines[0] + "\nXX,x,13201,Marseille\n" + string.Join('\n', lines[1..])),
            ("bad INSEE", lines[0] + "\nQN01344M,x,132,Marseille\n" + string.Join('\n', lines[1..])),
            ("unclosed quote", string.Join('\n', lines[..10]) + "\n\"" + string.Join('\n', lines[10..])),
            ("line of 2 MB", string.Join('\n', lines[..5]) + "\n" + new string('x', 2_000_000) + "\n" + string.Join('\n', lines[5..])),
            ("cut in a row", string.Join('\n', lines[..100]) + "\n" + lines[100][..(lines[100].Length / 2)].TrimEnd(',')),
            ("GeoJSON", Lyon), ("header only twice", lines[0] + "\n" + lines[0] + "\n"), ("semicolons in a row", lines[0] + "\nQN01344M;x;13201;Marseille\n"),
        })
        {
            cases[$"register {name}"] = new ImportCase(Kind.Register, Write(name.Replace(' ', '-') + ".csv", text));
        }
        cases["register binary garbage"] = new ImportCase(Kind.Register, WriteBytes("garbage.csv", garbage));
        cases["register missing file"] = new ImportCase(Kind.Register, System.IO.Path.Combine(Folder, "missing.csv"));

        // Commune outlines.
        foreach (var (name, text) in new (string, string)[]
        {
            ("not json", "hello"), ("empty file", ""), ("array", "[]"),
            ("no code", LyonWith(f => f["properties"] = JsonNode.Parse("{\"nom\":\"x\"}"))),
        })
        {
            cases[$"communes {name}"] = new ImportCase(Kind.Communes, Write("communes-" + name.Replace(' ', '-') + ".geojson", text));
        }

        // The Contrat de ville folder.
        cases["contrat missing folder"] = new ImportCase(Kind.Contrat, System.IO.Path.Combine(Folder, "no-contrat"));
        cases["contrat empty folder"] = new ImportCase(Kind.Contrat, Directory.CreateDirectory(System.IO.Path.Combine(Folder, "contrat-empty")).FullName);
        foreach (var (file, text) in new[]
        {
            ("defis.json", "not json"), ("defis.json", "null"), ("projets.json", "{\"x\":1}"), ("orientations.json", "[1,2,3]"),
            ("deliberations.json", "[{\"id\":"), ("projets.json", ""),
        })
        {
            var folder = Directory.CreateDirectory(System.IO.Path.Combine(Folder, $"contrat-{++n:D3}")).FullName;
            foreach (var source in Directory.GetFiles(Geodata.Path("contrat")))
            {
                File.Copy(source, System.IO.Path.Combine(folder, System.IO.Path.GetFileName(source)));
            }
            File.WriteAllText(System.IO.Path.Combine(folder, file), text);
            cases[$"contrat {file} {text[..Math.Min(text.Length, 12)]}"] = new ImportCase(Kind.Contrat, folder);
        }
        return cases;
    }

    private static string EmptySqlite(string path)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);";
        command.ExecuteNonQuery();
        return path;
    }
}
