using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Geographie.Api.Http.Overlaps;
using Geographie.Domain.Texts;
using Geographie.Testing;
using NetTopologySuite.IO;

namespace Geographie.Api.Tests.Overlaps;

/// <summary>
/// The one-pass scan of a FeatureCollection (<see cref="FeatureScanner"/>) must give what the exact reader gives:
/// the same zones (ids, coordinates bit for bit, repairs) and, for every body it does not read whole, the same
/// faults and the same body problem word for word, wherever the body's reads happen to cut it.
/// </summary>
public sealed class ZoneOnePassTests
{
    private static readonly JsonSerializerOptions Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string, string?> ShippedFiles => new()
    {
        { "admin/communes_69.geojson", "code" },
        { "admin/communes_69.geojson", null },
        { "admin/iris_13.geojson", "DCOMIRIS" },
    };

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public async Task A_shipped_zone_file_read_in_pieces_of_awkward_sizes_gives_the_exact_reader_s_zones(string file, string? id)
    {
        var body = await File.ReadAllBytesAsync(Geodata.Path(file));
        var (exact, exactScanned) = await Transcript(body, onePass: false, id, piece: body.Length);
        Assert.Equal(0, exactScanned);
        Assert.DoesNotContain("fault", exact, StringComparison.Ordinal);
        foreach (var piece in new[] { body.Length, 65_537, 4_093, 7, 1 })
        {
            var (scanned, count) = await Transcript(body, onePass: true, id, piece);
            Assert.True(exact == scanned, $"{file} in pieces of {piece} bytes: the one-pass zones differ from the exact reader's");
            Assert.Equal(JsonNode.Parse(body)!["features"]!.AsArray().Count, count);
        }
    }

    [Fact]
    public async Task Every_unusual_or_malformed_body_gets_the_exact_reader_s_zones_faults_and_problem_word_for_word()
    {
        var bodies = Corpus();
        var scannedAny = 0;
        foreach (var (name, body, id, crs) in bodies)
        {
            foreach (var piece in new[] { body.Length + 1, 4_093, 7 })
            {
                var (exact, _) = await Transcript(body, onePass: false, id, piece, crs);
                var (scanned, count) = await Transcript(body, onePass: true, id, piece, crs);
                Assert.True(exact == scanned, $"body \"{name}\" in pieces of {piece} bytes:\nexact:    {Tail(exact)}\none pass: {Tail(scanned)}");
                scannedAny += count;
            }
        }

        // The corpus must reach the scan (features read before the unusual part), not only the exact reader.
        Assert.True(scannedAny > bodies.Count, $"{scannedAny} zones scanned over {bodies.Count} bodies");
    }

    /// <summary>What a reader makes of a body: each zone (id, CRS, repair, metric WKB) or its fault, then the body's problem and count.</summary>
    private static async Task<(string Transcript, int Scanned)> Transcript(byte[] body, bool onePass, string? id, int piece, string? crs = null)
    {
        var reader = new ZoneReader(new PieceStream(body, piece), crs, id, Language.English, onePass);
        var text = new StringBuilder();
        var wkb = new WKBWriter();
        while (await reader.NextAsync(CancellationToken.None) is { } handed)
        {
            var zone = reader.Read(handed, out var problem);
            text.Append(handed.Index).Append(' ');
            _ = zone is null
                ? text.Append("fault ").Append(problem)
                : text.Append(zone.Id).Append(' ').Append(zone.Crs).Append(' ').Append(zone.Repair).Append(' ').Append(Convert.ToHexString(wkb.Write(zone.Metric)));
            text.Append('\n');
        }

        text.Append("problem: ").Append(reader.Problem).Append(" | count ").Append(reader.Count).Append(" | Lambert-93 ").Append(reader.Lambert93);
        return (text.ToString(), reader.ScannedCount);
    }

    private static string Tail(string transcript) => transcript.Length > 600 ? "…" + transcript[^600..] : transcript;

    /// <summary>
    /// Bodies built from three real Rhône communes (their shipped outlines, names and codes): as shipped, minified and
    /// pretty-printed, and with one unusual or malformed part in the second or third feature or around them.
    /// </summary>
    private static List<(string Name, byte[] Body, string? Id, string? Crs)> Corpus()
    {
        var shipped = JsonNode.Parse(File.ReadAllText(Geodata.Path("admin/communes_69.geojson")))!["features"]!.AsArray();
        var features = shipped.Take(3).Select(f => f!.ToJsonString(Raw)).ToArray();
        var accented = shipped.Select(f => f!.ToJsonString(Raw)).First(f => f.Any(c => c > 127));
        string Collection(params string[] f) => "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",", f) + "]}";
        string Pretty(params string[] f) => "{\n  \"type\": \"FeatureCollection\",\n  \"features\": [\n    " + string.Join(",\n    ", f) + "\n  ]\n}\n";
        string Second(Func<JsonNode, JsonNode> change) => change(JsonNode.Parse(features[1])!).ToJsonString(Raw);
        JsonArray Ring(JsonNode f) => f["geometry"]!["coordinates"]![0]!.AsArray();
        var (a, b, c) = (features[0], features[1], features[2]);
        var firstNumber = JsonNode.Parse(b)!["geometry"]!["coordinates"]![0]![0]![0]!.ToJsonString();
        var list = new List<(string, string, string?, string?)>
        {
            ("as shipped", Collection(a, b, c), null, null),
            ("pretty", Pretty(a, b, c), "code", null),
            ("CRLF and tabs", Pretty(a, b, c).Replace("\n", "\r\n", StringComparison.Ordinal).Replace("  ", "\t", StringComparison.Ordinal), "code", null),
            ("accented names, id from nom", Collection(a, accented, c), "nom", null),
            ("escape in a key", Collection(a, b.Replace("\"type\"", "\"typ\\u0065\"", StringComparison.Ordinal), c), null, null),
            ("bad escape in a property", Collection(a, b.Replace("\"nom\":\"", "\"nom\":\"\\x", StringComparison.Ordinal), c), null, null),
            ("lone surrogate in a property", Collection(a, b.Replace("\"nom\":\"", "\"nom\":\"\\ud800", StringComparison.Ordinal), c), null, null),
            ("escape in a property", Collection(a, b.Replace("\"nom\":\"", "\"nom\":\"\\\"", StringComparison.Ordinal), c), "nom", null),
            ("exponent", Collection(a, b.Replace(firstNumber, firstNumber + "e0", StringComparison.Ordinal), c), null, null),
            ("19-digit decimals", Collection(a, b.Replace(firstNumber, firstNumber + "000000000000000001", StringComparison.Ordinal), c), null, null),
            ("leading zero", Collection(a, b.Replace(firstNumber, "0" + firstNumber, StringComparison.Ordinal), c), null, null),
            ("comment", Collection(a, "/* c */" + b, c), null, null),
            ("comment, pretty", Pretty(a, b, "// c\n" + c), null, null),
            ("duplicate type", Collection(a, "{\"type\":\"Feature\"," + b[1..], c), null, null),
            ("duplicate id property", Collection(a, b.Replace("\"code\":", "\"code\":\"x\",\"code\":", StringComparison.Ordinal), c), "code", null),
            ("bbox member", Collection(a, "{\"bbox\":[4.7,45.7,4.9,45.8]," + b[1..], c), null, null),
            ("crs before features", "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:OGC:1.3:CRS84\"}},\"features\":[" + a + "," + b + "]}", null, null),
            ("Lambert-93 crs after features", Collection(a, b)[..^1] + ",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:2154\"}}}", null, null),
            ("degrees declared Lambert-93", Collection(a, b), null, "EPSG:2154"),
            ("GeometryCollection", Second(f => { f["geometry"] = new JsonObject { ["type"] = "GeometryCollection", ["geometries"] = new JsonArray(f["geometry"]!.DeepClone()) }; return f; }), null, null),
            ("heights", Second(f => { foreach (var p in Ring(f)) { p!.AsArray().Add(170.5); } return f; }), null, null),
            ("Point", Second(f => { f["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = Ring(f)[0]!.DeepClone() }; return f; }), null, null),
            ("null geometry", Second(f => { f["geometry"] = null; return f; }), null, null),
            ("no coordinates", Second(f => { f["geometry"]!.AsObject().Remove("coordinates"); return f; }), null, null),
            ("type after coordinates", Second(f => { var g = f["geometry"]!.AsObject(); var t = g["type"]!.DeepClone(); g.Remove("type"); g["type"] = t; return f; }), null, null),
            ("unclosed ring", Second(f => { Ring(f).RemoveAt(Ring(f).Count - 1); return f; }), null, null),
            ("bow-tie", Second(f => { var r = Ring(f); var p1 = r[1]!.DeepClone(); r[1] = r[2]!.DeepClone(); r[2] = p1; return f; }), null, null),
            ("string coordinate", Second(f => { Ring(f)[1]![0] = "4.8"; return f; }), null, null),
            ("true coordinate", Second(f => { Ring(f)[1]![0] = true; return f; }), null, null),
            ("numeric id", Second(f => { f["id"] = 17; return f; }), null, null),
            ("string id", Second(f => { f["id"] = "zone-b"; return f; }), null, null),
            ("null id", Second(f => { f["id"] = null; return f; }), null, null),
            ("object id", Second(f => { f["id"] = new JsonObject { ["x"] = 1 }; return f; }), null, null),
            ("null id property", Second(f => { f["properties"]!["code"] = null; return f; }), "code", null),
            ("numeric id property", Second(f => { f["properties"]!["code"] = 69001.5; return f; }), "code", null),
            ("missing id property", Collection(a, b, c), "absent", null),
            ("deep properties", Second(f => { JsonNode n = 1; for (var i = 0; i < 40; i++) { n = new JsonArray(n); } f["properties"]!["deep"] = n; return f; }), null, null),
            ("properties of every kind", Second(f => { f["properties"]!["x"] = JsonNode.Parse("{\"a\":[true,false,null,-0.5e-3,{}],\"b\":[]}"); return f; }), "code", null),
            ("empty features", Collection(), null, null),
            ("trailing comma", Collection(a, b) [..^2] + ",]}", null, null),
            ("missing comma", Collection(a, b).Replace("},{\"type\":\"Feature\"", "}{\"type\":\"Feature\"", StringComparison.Ordinal), null, null),
            ("feature not an object", Collection(a, "42", c), null, null),
            ("members after features", Collection(a, b)[..^1] + ",\"name\":\"x\"}", null, null),
            ("garbage after the root", Collection(a, b) + "garbage", null, null),
            ("not a FeatureCollection", Collection(a, b).Replace("FeatureCollection", "Feature", StringComparison.Ordinal), null, null),
            ("bare Feature", b, null, null),
            ("form feed", Collection(a, b) .Replace(",{", ",\f{", StringComparison.Ordinal), null, null),
            ("empty", string.Empty, null, null),
        };

        // Uploads cut at awkward places.
        var whole = Pretty(a, b, c);
        foreach (var cut in new[] { 1, 30, whole.Length / 3, whole.Length / 2, whole.Length - 8, whole.Length - 3 })
        {
            list.Add(($"cut at {cut}", whole[..cut], null, null));
        }

        // Pretty bodies fault after two scanned features, so that the exact reader's message quotes a line and a byte.
        list.Add(("bad value after two features, pretty", Pretty(a, b, "{\"type\": x}"), null, null));
        list.Add(("bad value after two features", Collection(a, b, "{\"type\": x}"), null, null));
        list.Add(("bad value after one feature, CRLF", Pretty(a, "{\"type\": x}").Replace("\n", "\r\n", StringComparison.Ordinal), null, null));

        var corpus = list.Select(t => (t.Item1, Encoding.UTF8.GetBytes(t.Item2), t.Item3, t.Item4)).ToList();

        // Byte-level oddities: invalid UTF-8 in a property (0xC3 0x28), and a byte-order mark.
        var marked = Encoding.UTF8.GetBytes(Collection(a, b.Replace("\"nom\":\"", "\"nom\":\"\u0001", StringComparison.Ordinal), c));
        var at = Array.IndexOf(marked, (byte)1);
        corpus.Add(("invalid UTF-8", [.. marked[..at], 0xC3, 0x28, .. marked[(at + 1)..]], "nom", null));
        corpus.Add(("byte-order mark", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Pretty(a, b, c))], "code", null));
        return corpus;
    }

    /// <summary>A body whose reads return at most <c>piece</c> bytes each, as a network cuts it.</summary>
    private sealed class PieceStream(byte[] body, int piece) : MemoryStream(body)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, piece));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, piece)], cancellationToken);
    }
}
