using System.Globalization;
using System.Text;

namespace Geographie.Api.Tests.BadInput;

/// <summary>
/// One REST request of the corpus and what it must get: its exact status and, for a batch answered 200, how many
/// answer rows (one per point sent, never fewer) and a text the answer must hold.
/// </summary>
public sealed record RestCase(string Area, string Name, string Method, string Path, string? ContentType, byte[]? Body, int Status,
    int? Rows = null, string? Contains = null);

/// <summary>
/// The REST cases, generated from tables: bad values × the fields they go in, bad shapes × the bodies they break,
/// wrong methods × routes. Valid parts of a request use the corpus's known real point.
/// </summary>
internal static class RestCases
{
    private static string Lon => CorpusApp.KnownPoint.Lon.ToString("R", CultureInfo.InvariantCulture);

    private static string Lat => CorpusApp.KnownPoint.Lat.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Text no number parser should take, and numbers no range check should take.</summary>
    internal static readonly string[] NotNumbers =
    [
        "abc", "1,5", "0x10", "4.85.1", "1;2", "--1", "%2B-3", "1 2", "∞", "١٢", "<script>alert(1)</script>", "%00", "%FF%FE",
        "true", "null", "[1]", "{}", "1e", "e5", ".", "-", "1e-99999x", new string('9', 5000) + "x", "%E2%80%AE4.8",
    ];

    private static readonly string[] NotFinite = ["NaN", "Infinity", "-Infinity", "1e999", "-1e999"];

    public static IReadOnlyDictionary<string, RestCase> All => Cases;

    private static readonly IReadOnlyDictionary<string, RestCase> Cases = Build().ToDictionary(c => c.Name);

    private static IEnumerable<RestCase> Build()
    {
        var cases = new List<RestCase>();
        var n = 0;
        void Get(string area, string path, int status, string? contains = null) =>
            cases.Add(new RestCase(area, $"{area} {++n:D3} GET {Short(path)}", "GET", path, null, null, status, Contains: contains));
        void Send(string area, string method, string path, string? type, string? body, int status, int? rows = null, string? contains = null) =>
            cases.Add(new RestCase(area, $"{area} {++n:D3} {method} {Short(path)} {Short(body ?? "")}", method, path, type,
                body is null ? null : Encoding.UTF8.GetBytes(body), status, rows, contains));

        // Query strings of the single check: every bad value in every numeric field, the other fields valid.
        var valid = $"lon={Lon}&lat={Lat}";
        foreach (var bad in NotNumbers.Concat(NotFinite))
        {
            Get("query", $"/v1/eligibility?lon={bad}&lat={Lat}", 400);
            Get("query", $"/v1/eligibility?lon={Lon}&lat={bad}", 400);
            Get("query", $"/v1/eligibility?x={bad}&y=6520000", 400);
            Get("query", $"/v1/eligibility?x=850000&y={bad}", 400);
            Get("query", $"/v1/eligibility?{valid}&near_distance_m={bad}", 400);
            Get("query", $"/v1/eligibility?{valid}&position_uncertainty_m={bad}", 400);
        }
        foreach (var (query, what) in new[]
        {
            ("lon=181&lat=45.77", "lon"), ("lon=-180.5&lat=45.77", "lon"), ("lon=4.97&lat=91", "lat"), ("lon=4.97&lat=-90.01", "lat"),
            ("lon=45.77&lat=4.97", "swapped"), ("lon=-74.0&lat=40.7", "New York"), ("lon=0&lat=0", "null island"), ("lon=4.97", "no lat"),
            ("lat=45.77", "no lon"), ("", "nothing"), ("x=850000", "no y"), ("y=6520000", "no x"), ("x=-1e7&y=6520000", "x range"),
            ("x=850000&y=1e9", "y range"), ($"{valid}&x=850000&y=6520000", "both"), ($"{valid}&geography=qpv2030", "geography"),
            ($"{valid}&geography=%3Cb%3E", "markup geography"),
            ($"{valid}&geography=" + new string('q', 3000), "long geography"), ($"{valid}&date=2014-12-31", "date before 2015"),
            ($"{valid}&date=2024-13-01", "month 13"), ($"{valid}&date=2024-02-30", "30 February"), ($"{valid}&date=24-01-01", "short year"),
            ($"{valid}&date=2024/01/01", "slashes"), ($"{valid}&date=yesterday", "word"), ($"{valid}&date=0001-01-01", "year 1"),
            ($"{valid}&date=2024-01-01T00:00", "time"), ($"{valid}&date=2024-01-01&geography=qpv2015", "date and geography"),
            ($"{valid}&near_distance_m=-1", "negative band"), ($"{valid}&near_distance_m=10001", "band beyond MaxBandM"),
            ($"{valid}&position_uncertainty_m=-0.5", "negative uncertainty"), ($"{valid}&position_uncertainty_m=1e6", "uncertainty beyond MaxBandM"),
        })
        {
            Get("query", "/v1/eligibility?" + query, 400, contains: null);
        }

        // JSON batches: bodies that are not an array of point objects, fields of the wrong JSON type, unknown fields.
        var point = $"{{\"id\":\"p\",\"lon\":{Lon},\"lat\":{Lat}}}";
        var batch = "/v1/eligibility/batch?geography=qpv2015";
        foreach (var body in new[]
        {
            "", " ", "null", "{}", "[]", "[null]", "[1]", "[\"a\"]", "[true]", "[[]]", $"[{point},null]", $"[{point},[]]", "[", "[{",
            "[{\"lon\":}]", "[1,]", $"[{point},]", "[{}]]", "[{\"lon\":1e}]", "[{\"lon\":4.9,\"lat\":45.7}", "\"[]\"", "{\"items\":[]}",
            new string('[', 200) + new string(']', 200), "[{\"lon\":4.9,\"lat\":45.7,\"lon\"}]", "[{'lon':4.9,'lat':45.7}]", "[{lon:4.9,lat:45.7}]",
            "[{\"lon\":4.9,\"lat\":45.7}] trailing", "[{\"lon\":4.9,\"lat\":45.7}][]", "[0x10]", "[NaN]", "[{\"lon\":NaN,\"lat\":45.7}]",
            "[{\"lon\":Infinity,\"lat\":45.7}]", "[{\"lon\":4.9,\"lat\":45.7,}]", "[{\"lon\":4.9 \"lat\":45.7}]", "[{\"lon\":\"4.9\n\",\"lat\":45.7}]",
        })
        {
            Send("json", "POST", batch, "application/json", body, 400);
        }
        foreach (var field in new[] { "lon", "lat", "x", "y", "nearDistanceM", "positionUncertaintyM", "near_distance_m", "position_uncertainty_m" })
        {
            foreach (var value in new[] { "true", "false", "{}", "[]", "[1]", "{\"v\":1}" })
            {
                Send("json", "POST", batch, "application/json", $"[{point[..^1]},\"{field}\":{value}}}]", 400);
            }
        }
        foreach (var field in new[] { "geography", "date" })
        {
            foreach (var value in new[] { "1", "true", "{}", "[]", "2024" })
            {
                Send("json", "POST", batch, "application/json", $"[{point[..^1]},\"{field}\":{value}}}]", 400);
            }
        }
        foreach (var value in new[] { "{}", "[]", "[\"a\"]", "{\"id\":1}" })
        {
            Send("json", "POST", batch, "application/json", $"[{{\"id\":{value},\"lon\":{Lon},\"lat\":{Lat}}}]", 400);
        }
        foreach (var field in new[] { "foo", "longitude", "lng", "<b>x</b>", "\\u0000", "", "Lon ", "geometry", "coordinates", "include" })
        {
            Send("json", "POST", batch, "application/json", $"[{point[..^1]},\"{field}\":1}}]", 400);
        }
        // Values a point may carry that are wrong: the batch is answered, the point INVALID with its reason.
        foreach (var item in new[]
        {
            "{\"lon\":\"abc\",\"lat\":45.7}", "{\"lon\":4.9,\"lat\":95}", "{\"lon\":4.9}", "{}", "{\"id\":null}", $"{{\"lon\":{Lon},\"lat\":{Lat},\"x\":850000,\"y\":6520000}}",
            $"{{\"lon\":{Lon},\"lat\":{Lat},\"geography\":\"qpv1999\"}}", $"{{\"lon\":{Lon},\"lat\":{Lat},\"date\":\"2014-01-01\"}}",
            $"{{\"lon\":{Lon},\"lat\":{Lat},\"nearDistanceM\":-5}}", "{\"lon\":1e999,\"lat\":45.7}", "{\"lon\":\"NaN\",\"lat\":45.7}",
            "{\"x\":\"<script>\",\"y\":1}",
        })
        {
            Send("json", "POST", batch, "application/json", $"[{point},{item}]", 200, rows: 2, contains: "INVALID");
        }
        foreach (var id in new[] { "1", "1.5e3", "true", "-0" })
        {
            Send("json", "POST", batch, "application/json", $"[{{\"id\":{id},\"lon\":{Lon},\"lat\":{Lat}}}]", 200, rows: 1, contains: "INSIDE");
        }
        Send("json", "POST", batch, "application/json; charset=utf-8", $"[{point}]", 200, rows: 1, contains: "INSIDE");
        Send("json", "POST", batch, "application/json", "\uFEFF" + $"[{point}]", 200, rows: 1, contains: "INSIDE");
        foreach (var type in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded",
                     "application/json-patch+json", "text/csv2", "application/octet-stream", "image/png", "*/*", "application/grpc" })
        {
            Send("json", "POST", batch, type, $"[{point}]", 415);
        }
        Send("json", "POST", batch, null, $"[{point}]", 415);
        // A form is accepted as the upload of a CSV file: JSON in it is a form that cannot be read.
        Send("json", "POST", batch, "multipart/form-data; boundary=x", $"[{point}]", 400, contains: "multipart/form-data");
        Send("json", "POST", batch, "multipart/form-data", $"[{point}]", 400, contains: "boundary");
        Send("json", "POST", batch, "application/json", "[" + string.Join(',', Enumerable.Repeat(point, 100_001)) + "]", 400, contains: "100000");
        Send("json", "POST", batch + "&near_distance_m=abc", "application/json", $"[{point}]", 200, rows: 1, contains: "INVALID");
        Send("json", "POST", batch + "&geography=zzz", "application/json", $"[{point}]", 200, rows: 1, contains: "INVALID");

        // CSV batches: unreadable headers are refused; every row sent is answered, broken ones INVALID with their line.
        var row = $"p,{Lon},{Lat}";
        foreach (var body in new[] { "", "\n", "\r\n", "a,b,c\n1,2,3\n", "id;foo\n1;2\n", "\"id,lon,lat\n1,2,3\n", "\uFEFF\n",
                     "lon\n4.9\n", "lat,y\n1,2\n", new string('h', 70_000) + "\n" })
        {
            Send("csv", "POST", batch, "text/csv", body, 400);
        }
        // Tab-separated values are read as such (the point is outside France: INVALID).
        Send("csv", "POST", batch, "text/csv", "id\tlon\tlat\n1\t2\t3\n", 200, rows: 1, contains: "INVALID");
        Send("csv", "POST", batch, "text/csv; charset=klingon", $"id,lon,lat\n{row}\n", 400, contains: "klingon");
        foreach (var (body, rows) in new[]
        {
            ($"id,lon,lat\n{row}\n\"2,{Lon},{Lat}\n{row}\n", 3),
            ($"id,lon,lat\n{row}\n{row}\n\"open", 3),
            ($"id,lon,lat\n\"{row}\n{row}\n{row}\n{row}\n", 4),
            ($"id,lon,lat\n{row},extra\n{row}\n", 2),
            ($"id,lon,lat\np,{Lon}\n{row}\n", 2),
            ($"id,lon,lat\np,abc,{Lat}\n{row}\n", 2),
            ($"id,lon,lat\np,4,9,45,7\n{row}\n", 2),
            ($"id,lon,lat\np,{Lon},95\n{row}\n", 2),
            ($"id,lon,lat\np,,\n{row}\n", 2),
            ($"id,lon,lat\n{row}\n\n\n{row}\n", 2),
            ($"id,lon,lat\r\n{row}\r\n{row}\r\n", 2),
            ($"\uFEFFid,lon,lat\n{row}\n", 1),
            ("id,lon,lat\n", 0),
            ($"id,lon,lat\np\0,{Lon},{Lat}\n{row}\n", 2),
            ($"id,lon,lat\n\"{new string('a', 5000)}\",{Lon},{Lat}\n{row}\n", 2),
            ($"id,lon,lat\n{new string('a', 70_000)},{Lon},{Lat}\n{row}\n", 2),
            ($"id,lon,lat\n\"a\"\"b\",{Lon},{Lat}\n{row}\n", 2),
            ($"id,lon,lat\n\"a\"b,{Lon},{Lat}\n{row}\n", 2),
            ($"id,lon,lat,geography\n{row},qpv1999\n{row},qpv2015\n", 2),
            ($"id,lon,lat,date\n{row},2014-01-01\n{row},not-a-date\n", 2),
            ($"id,lon,lat,near_distance_m\n{row},-1\n{row},abc\n", 2),
            ($"id;lon;lat\np;4,97;45,77\np;4.97.1;45,77\n", 2),
            ($"id,x,y\np,abc,6520000\np,850000,1e99\n", 2),
            ($"id,lon,lat,x,y\n{row},850000,6520000\n", 1),
            ($"id,lon,lat\n<script>,{Lon},{Lat}\n", 1),
            ($"id,lon,lat\n=cmd|' /C calc'!A0,{Lon},{Lat}\n", 1),
        })
        {
            Send("csv", "POST", batch, "text/csv", body, 200, rows, contains: rows > 0 ? null : "status");
        }
        Send("csv", "POST", batch, "text/csv; charset=utf-8", $"id,lon,lat\n{row}\n", 200, 1, "INSIDE");
        Send("csv", "POST", batch, "application/csv", $"id,lon,lat\n{row}\n", 200, 1, "INSIDE");

        // Routes: unknown paths, wrong methods, bad parameters of the reference routes.
        foreach (var path in new[] { "/v2/eligibility", "/v1", "/v1/eligibility/x", "/admin", "/.env", "/v1/quartiers/QP069026/x",
                     "/tiles/x", "/tiles/1/2", "/tiles/0/0/0.png", "/v1/eligibility/batch/1", "/%2e%2e/%2e%2e/etc/passwd", "/index.php",
                     "/v1/defis/1", "/" + new string('a', 2000) })
        {
            Get("routes", path, 404);
        }
        foreach (var (method, path) in new[]
        {
            ("POST", "/v1/defis"), ("PUT", "/v1/defis"), ("DELETE", "/v1/quartiers"), ("PATCH", "/v1/quartiers/QP069026"), ("POST", "/v1/projets"),
            ("DELETE", "/v1/projets/x"), ("PUT", "/v1/eligibility"), ("POST", "/v1/eligibility"), ("GET", "/v1/eligibility/batch"),
            ("DELETE", "/v1/eligibility/batch"), ("POST", "/tiles/0/0/0.mvt"), ("PUT", "/tiles/tiles.json"), ("POST", "/healthz"),
            ("DELETE", "/readyz"), ("POST", "/v1/orientations"), ("POST", "/v1/chantiers"), ("POST", "/v1/deliberations"),
        })
        {
            Send("routes", method, path, method is "GET" or "DELETE" ? null : "application/json", method is "GET" or "DELETE" ? null : "{}", 405);
        }
        foreach (var limit in new[] { "abc", "0", "-1", "2001", "1.5", "", "1e3", "%00", "99999999999" })
        {
            Get("routes", $"/v1/quartiers?limit={limit}", 400);
        }
        foreach (var query in new[] { "geography=qpv1999", "geography=", "geography=%3Cscript%3E" })
        {
            Get("routes", $"/v1/quartiers?{query}", 400);
            Get("routes", $"/v1/quartiers/QP069026?{query}", 400);
        }
        foreach (var code in new[] { "XX", "QP000000", "%3Cscript%3E", "QP069026%01", new string('Q', 3000) })
        {
            Get("routes", $"/v1/quartiers/{code}", 404);
        }
        foreach (var filter in new[] { "orientation", "registre", "defi", "commune", "quartier" })
        {
            foreach (var value in new[] { "zzz", "%3Cb%3E", "" })
            {
                Get("routes", $"/v1/projets?{filter}={value}", 400);
            }
        }
        Get("routes", "/v1/projets/nope", 404);
        Get("routes", "/v1/projets/%01", 404);

        // Tiles: addresses that are not tiles, filters that name nothing.
        foreach (var address in new[] { "a/0/0", "0/a/0", "0/0/a", "1.5/0/0", "-1/0/0", "0/-1/0", "0/0/-1", "0/1/0", "0/0/1", "1/2/0", "1/0/2",
                     "25/0/0", "31/0/0", "99999999999/0/0", "3/8/0", "3/0/8", "12/4096/0", "%01/0/0", "0x1/0/0", "1e1/0/0" })
        {
            Get("tiles", $"/tiles/{address}.mvt", 400);
        }
        foreach (var filter in new[] { "geography", "defi", "orientation", "registre" })
        {
            foreach (var value in new[] { "zzz", "%3Cscript%3E", new string('z', 500) })
            {
                Get("tiles", $"/tiles/0/0/0.mvt?{filter}={value}", 400);
            }
        }
        return cases;
    }

    private static string Short(string text)
    {
        var oneLine = new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return oneLine.Length <= 48 ? oneLine : oneLine[..40] + $"…({oneLine.Length})";
    }
}
