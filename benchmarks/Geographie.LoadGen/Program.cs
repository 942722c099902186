using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Geographie.Api.Grpc.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Npgsql;
using NpgsqlTypes;

namespace Geographie.LoadGen;

/// <summary>
/// Load generator for a running Geographie service and its PostGIS peer. Verbs (see benchmarks/README.md):
/// <c>gen</c> (fixed-seed files for wrk/curl/h2load), <c>grpc-batch</c>, <c>grpc-unary</c>, <c>postgis</c>,
/// <c>postgis-complete</c> (<see cref="CompleteAnswerPeer"/>), <c>overlaps</c> and <c>overlaps-sql</c> (<see cref="OverlapLoad"/>).
/// <c>--workload production</c> draws the production-like address-like points instead of the shipped-data ones.
/// Options are <c>--name value</c>; every figure is printed as a Markdown-friendly line.
/// </summary>
public static class Program
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("verbs: gen | grpc-batch | grpc-unary | postgis | postgis-complete | overlaps | overlaps-sql   (see benchmarks/README.md)");
            return 2;
        }
        var o = Options.Parse(args.Skip(1));
        switch (args[0])
        {
            case "gen": await Gen(o); break;
            case "grpc-batch": await GrpcBatch(o); break;
            case "grpc-unary": await GrpcUnary(o); break;
            case "postgis": await PostGis(o); break;
            case "postgis-complete":
                await CompleteAnswerPeer.RunAsync(o.Str("url", "http://127.0.0.1:18081"), o.Str("db", DefaultDb), o.Int("batch", 100_000), o.Int("runs", 3), o.Int("compare", 100_000));
                break;
            case "overlaps":
                await OverlapLoad.RunAsync(o.Str("url", "http://127.0.0.1:18080"), o.Str("db", DefaultDb), o.Str("zones", "geodata/admin/communes_69.geojson"),
                    o.Str("geography", "qpv2015"), o.Int("runs", 5), o.Int("warmup", 2), o.Int("repeat", 0), o.Int("pid", 0), o.Str("communes", "false") == "true",
                    o.Str("cpu-per-run", "false") == "true", o.Int("gap-ms", 0));
                break;
            case "overlaps-sql":
                Console.WriteLine(OverlapLoad.PeerSql(o.Str("part", "query"), o.Str("geography", "qpv2015"), o.Str("communes", "false") == "true"));
                break;
            default: Console.Error.WriteLine($"unknown verb {args[0]}"); return 2;
        }
        return 0;
    }

    // ---------------------------------------------------------------- points

    private const string DefaultDb = "Host=127.0.0.1;Port=55432;Username=geographie;Password=geographie;Database=geographie";

    /// <summary>
    /// Fixed-seed Lyon points: 60 % uniform in the bounding box of a random QPV 2015 perimeter grown by 0.004°
    /// (≈ 300–450 m, so INSIDE, NEAR and OUTSIDE all occur), 40 % uniform over the Lyon extent (mostly OUTSIDE).
    /// The boxes come from PostGIS (table quartier, version qpv2015, ordered by code), so every tool sees the same
    /// points. Rounded to 6 decimals so that CSV, REST query strings and protobuf carry identical values.
    /// </summary>
    private static Task<(double[] Lon, double[] Lat)> Points(Options o, int count) =>
        o.Str("workload", "shipped") switch
        {
            "shipped" => Points(o.Str("db", DefaultDb), count, o.Int("seed", 42)),
            "production" => AddressLikePoints(o.Str("db", DefaultDb), count, o.Int("seed", 20261201)),
            var other => throw new ArgumentException($"--workload {other}: shipped or production"),
        };

    /// <summary>
    /// The production-like workload's address-like points (benchmarks/Geographie.Benchmarks CompleteEditions' rule):
    /// uniform over the bounding box of the 37 real Lyon QPV 2015 perimeters widened by 0.03°, fixed seed 20261201,
    /// rounded to 6 decimals like <see cref="Points(string, int, int)"/>. The box comes from PostGIS (codes QP069…,
    /// so the benchmark copies of complete-edition-2015.sql do not widen it).
    /// </summary>
    public static async Task<(double[] Lon, double[] Lat)> AddressLikePoints(string db, int count, int seed)
    {
        double minX, minY, maxX, maxY;
        await using (var conn = new NpgsqlConnection(db))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(perimeter) AS e FROM quartier WHERE version = 'qpv2015' AND code LIKE 'QP069%') b", conn);
            await using var r = await cmd.ExecuteReaderAsync();
            await r.ReadAsync();
            if (r.IsDBNull(0))
            {
                throw new InvalidOperationException("no Lyon qpv2015 perimeters in PostGIS: run `geographie load-shipped` first");
            }
            (minX, minY, maxX, maxY) = (r.GetDouble(0) - 0.03, r.GetDouble(1) - 0.03, r.GetDouble(2) + 0.03, r.GetDouble(3) + 0.03);
        }
        var rng = new Random(seed);
        var lon = new double[count];
        var lat = new double[count];
        for (var i = 0; i < count; i++)
        {
            lon[i] = Math.Round(minX + rng.NextDouble() * (maxX - minX), 6);
            lat[i] = Math.Round(minY + rng.NextDouble() * (maxY - minY), 6);
        }
        return (lon, lat);
    }

    public static async Task<(double[] Lon, double[] Lat)> Points(string db, int count, int seed)
    {
        var boxes = new List<(double MinX, double MinY, double MaxX, double MaxY)>();
        await using (var conn = new NpgsqlConnection(db))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT Box2D(perimeter) AS e, code FROM quartier WHERE version = 'qpv2015' AND perimeter IS NOT NULL) b ORDER BY code", conn);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                boxes.Add((r.GetDouble(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3)));
            }
        }
        if (boxes.Count == 0)
        {
            throw new InvalidOperationException("no qpv2015 perimeters in PostGIS: run `geographie load-shipped` first");
        }
        const double Grow = 0.004;
        const double MinLon = 4.76, MaxLon = 5.02, MinLat = 45.58, MaxLat = 45.89;
        var rng = new Random(seed);
        var lon = new double[count];
        var lat = new double[count];
        for (var i = 0; i < count; i++)
        {
            double x, y;
            if (rng.NextDouble() < 0.6)
            {
                var b = boxes[rng.Next(boxes.Count)];
                x = b.MinX - Grow + rng.NextDouble() * (b.MaxX - b.MinX + 2 * Grow);
                y = b.MinY - Grow + rng.NextDouble() * (b.MaxY - b.MinY + 2 * Grow);
            }
            else
            {
                x = MinLon + rng.NextDouble() * (MaxLon - MinLon);
                y = MinLat + rng.NextDouble() * (MaxLat - MinLat);
            }
            lon[i] = Math.Round(x, 6);
            lat[i] = Math.Round(y, 6);
        }
        return (lon, lat);
    }

    private static CheckRequest Request(int i, double lon, double lat) => new()
    {
        Id = i.ToString(Inv),
        Wgs84 = new Wgs84 { Lon = lon, Lat = lat },
        Geography = "qpv2015",
        NearDistanceM = 300,
    };

    // ---------------------------------------------------------------- gen

    /// <summary>Writes points.csv (--rows, default 1,000,000), rest-paths.txt (--rest, 10,000), tile-paths.txt, grpc-check.bin.</summary>
    private static async Task Gen(Options o)
    {
        var dir = o.Str("out", "benchmarks/load/out");
        Directory.CreateDirectory(dir);
        var rows = o.Int("rows", 1_000_000);
        var (lon, lat) = await Points(o, rows);

        await using (var w = new StreamWriter(Path.Combine(dir, "points.csv"), false, new UTF8Encoding(false), 1 << 20))
        {
            w.NewLine = "\n";
            await w.WriteLineAsync("id,lon,lat");
            for (var i = 0; i < rows; i++)
            {
                await w.WriteLineAsync(string.Create(Inv, $"{i},{lon[i]:R},{lat[i]:R}"));
            }
        }

        var rest = Math.Min(rows, o.Int("rest", 10_000));
        await using (var w = new StreamWriter(Path.Combine(dir, "rest-paths.txt")))
        {
            w.NewLine = "\n";
            for (var i = 0; i < rest; i++)
            {
                await w.WriteLineAsync(string.Create(Inv, $"/v1/eligibility?id={i}&lon={lon[i]:R}&lat={lat[i]:R}&geography=qpv2015&near_distance_m=300"));
            }
        }

        var tiles = TilePaths();
        await File.WriteAllLinesAsync(Path.Combine(dir, "tile-paths.txt"), tiles);

        // One gRPC-framed CheckRequest (flag 0, big-endian length, message) for h2load -d.
        var msg = Request(0, lon[0], lat[0]).ToByteArray();
        var framed = new byte[5 + msg.Length];
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)msg.Length);
        msg.CopyTo(framed, 5);
        await File.WriteAllBytesAsync(Path.Combine(dir, "grpc-check.bin"), framed);

        Console.WriteLine($"wrote {dir}/points.csv ({rows:N0} rows), rest-paths.txt ({rest:N0}), tile-paths.txt ({tiles.Count}), grpc-check.bin (point 0: {lon[0]:R},{lat[0]:R})");
    }

    /// <summary>
    /// Every z10–z13 tile over Marseille (5.28–5.56 E, 43.19–43.40 N) and Lyon (4.76–5.02 E, 45.58–45.89 N, with
    /// ?geography=qpv2015), plus a fixed-seed sample of z14 tiles so that there are a few hundred addresses.
    /// </summary>
    private static List<string> TilePaths()
    {
        (double W, double S, double E, double N, string Q)[] cities =
        [
            (5.28, 43.19, 5.56, 43.40, string.Empty),
            (4.76, 45.58, 5.02, 45.89, "?geography=qpv2015"),
        ];
        var paths = new List<string>();
        var rng = new Random(7);
        foreach (var c in cities)
        {
            for (var z = 10; z <= 14; z++)
            {
                var (x0, y0) = Tile(c.W, c.N, z);
                var (x1, y1) = Tile(c.E, c.S, z);
                var all = new List<string>();
                for (var x = x0; x <= x1; x++)
                {
                    for (var y = y0; y <= y1; y++)
                    {
                        all.Add($"/tiles/{z}/{x}/{y}.mvt{c.Q}");
                    }
                }
                if (z == 14)
                {
                    all = all.OrderBy(_ => rng.Next()).Take(120).ToList();
                }
                paths.AddRange(all);
            }
        }
        return paths;
    }

    private static (int X, int Y) Tile(double lon, double lat, int z)
    {
        var n = 1 << z;
        var x = (int)Math.Floor((lon + 180) / 360 * n);
        var r = lat * Math.PI / 180;
        var y = (int)Math.Floor((1 - Math.Log(Math.Tan(r) + 1 / Math.Cos(r)) / Math.PI) / 2 * n);
        return (x, y);
    }

    /// <summary>The answer mix of one CheckColumns response: INSIDE / NEAR / OUTSIDE with a distance / OUTSIDE without / other.</summary>
    private static string AnswerMix(CheckColumnsResponse answer)
    {
        int inside = 0, near = 0, withDistance = 0, without = 0, other = 0;
        for (var i = 0; i < answer.Statuses.Count; i++)
        {
            switch (answer.Statuses[i])
            {
                case Geographie.Api.Grpc.V1.Status.Inside: inside++; break;
                case Geographie.Api.Grpc.V1.Status.Near: near++; break;
                case Geographie.Api.Grpc.V1.Status.Outside when double.IsNaN(answer.DistancesM[i]): without++; break;
                case Geographie.Api.Grpc.V1.Status.Outside: withDistance++; break;
                default: other++; break;
            }
        }
        return $"INSIDE {inside}, NEAR {near}, OUTSIDE with a distance {withDistance}, OUTSIDE without {without}, other (UNKNOWN, UNCERTAIN, INVALID) {other}";
    }

    // ---------------------------------------------------------------- gRPC

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(b => b, b => b);

    internal static GrpcChannel Channel(string url) => GrpcChannel.ForAddress(url, new GrpcChannelOptions
    {
        MaxReceiveMessageSize = 256 << 20,
        MaxSendMessageSize = 256 << 20,
        HttpHandler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = false,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            InitialHttp2StreamWindowSize = 16 << 20,
        },
    });

    /// <summary>
    /// CheckBatch, or with --columns true CheckColumns on the same points: --batch points per call (10,000), --concurrency calls in flight on one HTTP/2 connection, for
    /// --duration s after --warmup s. The requests are serialised once and the answers are not parsed during the
    /// timed run (raw-bytes marshaller), so the 2-core machine spends its time in the service; one batch is parsed
    /// first to check and print the answers. points/s counts points answered inside the window.
    /// </summary>
    private static async Task GrpcBatch(Options o)
    {
        var url = o.Str("url", "http://127.0.0.1:8081");
        var batch = o.Int("batch", 10_000);
        var distinct = o.Int("distinct", 10);
        var (lon, lat) = await Points(o, batch * distinct);
        var columns = o.Str("columns", "false") == "true";
        var bodies = new byte[distinct][];
        CheckBatchRequest? first = null;
        CheckColumnsRequest? firstColumns = null;
        for (var b = 0; b < distinct; b++)
        {
            if (columns)
            {
                // --columns true: the same points as packed columns (CheckColumns), same geography and band.
                var cols = new CheckColumnsRequest { Geography = "qpv2015", NearDistanceM = 300 };
                cols.Lon.AddRange(lon.AsSpan(b * batch, batch).ToArray());
                cols.Lat.AddRange(lat.AsSpan(b * batch, batch).ToArray());
                firstColumns ??= cols;
                bodies[b] = cols.ToByteArray();
                continue;
            }

            // --lean true: answers without reason and quartier details (CheckBatchRequest.lean).
            var req = new CheckBatchRequest { Lean = o.Str("lean", "false") == "true" };
            for (var i = b * batch; i < (b + 1) * batch; i++)
            {
                req.Requests.Add(Request(i, lon[i], lat[i]));
            }
            first ??= req;
            bodies[b] = req.ToByteArray();
        }
        using var channel = Channel(url);
        var client = new Eligibility.EligibilityClient(channel);
        if (columns)
        {
            var answer = await client.CheckColumnsAsync(firstColumns!);
            Console.WriteLine($"check: {answer.Statuses.Count} answers to batch 0: {AnswerMix(answer)}; request {bodies[0].Length:N0} B, response {answer.CalculateSize():N0} B");
        }
        else
        {
            var check = await client.CheckBatchAsync(first!);
            var statuses = check.Responses.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
            Console.WriteLine($"check: {check.Responses.Count} answers to batch 0: {string.Join(", ", statuses)}; request {bodies[0].Length:N0} B, response {check.CalculateSize():N0} B");
        }

        var rpc = columns ? "CheckColumns" : "CheckBatch";
        var method = new Method<byte[], byte[]>(MethodType.Unary, "geographie.v1.Eligibility", rpc, Raw, Raw);
        var invoker = channel.CreateCallInvoker();
        var result = await Drive(o, o.Int("concurrency", 2), async (worker, n) =>
        {
            var resp = await invoker.AsyncUnaryCall(method, null, default, bodies[(worker + n) % distinct]);
            return resp.Length;
        });
        var pps = result.Calls * batch / result.Seconds;
        Console.WriteLine(string.Create(Inv,
            $"| gRPC {rpc} {batch:N0} pts, {o.Int("concurrency", 2)} in flight, 1 conn | {pps:N0} points/s | {result.Calls / result.Seconds:N1} batches/s | p50 {result.P(0.50):N2} ms | p99 {result.P(0.99):N2} ms | max {result.P(1):N2} ms | {result.Calls} batches in {result.Seconds:N1} s ({result.AllCalls} with warm-up) |"));
    }

    /// <summary>
    /// Check (unary): --concurrency calls in flight spread over --connections HTTP/2 connections (one GrpcChannel
    /// each), cycling over --distinct pre-serialised single-point requests; answers not parsed in the timed run.
    /// </summary>
    private static async Task GrpcUnary(Options o)
    {
        var url = o.Str("url", "http://127.0.0.1:8081");
        var distinct = o.Int("distinct", 10_000);
        var connections = o.Int("connections", 2);
        var concurrency = o.Int("concurrency", 64);
        var (lon, lat) = await Points(o, distinct);
        var bodies = new byte[distinct][];
        for (var i = 0; i < distinct; i++)
        {
            bodies[i] = Request(i, lon[i], lat[i]).ToByteArray();
        }
        var channels = Enumerable.Range(0, connections).Select(_ => Channel(url)).ToArray();
        var sample = await new Eligibility.EligibilityClient(channels[0]).CheckAsync(Request(0, lon[0], lat[0]));
        Console.WriteLine($"check: point 0 -> {sample.Status} {sample.Reason}");
        var invokers = channels.Select(c => c.CreateCallInvoker()).ToArray();
        var method = new Method<byte[], byte[]>(MethodType.Unary, "geographie.v1.Eligibility", "Check", Raw, Raw);
        var result = await Drive(o, concurrency, async (worker, n) =>
        {
            var resp = await invokers[worker % connections].AsyncUnaryCall(method, null, default, bodies[(worker * 997 + n) % distinct]);
            return resp.Length;
        });
        Console.WriteLine(string.Create(Inv,
            $"| gRPC Check unary, {concurrency} in flight over {connections} conn | {result.Calls / result.Seconds:N0} req/s | p50 {result.P(0.50):N3} ms | p99 {result.P(0.99):N3} ms | max {result.P(1):N2} ms | {result.Calls} calls in {result.Seconds:N1} s ({result.AllCalls} with warm-up) |"));
        foreach (var c in channels)
        {
            c.Dispose();
        }
    }

    private sealed record RunResult(long Calls, double Seconds, double[] LatMs, long AllCalls)
    {
        public double P(double q) => LatMs.Length == 0 ? double.NaN : LatMs[Math.Min(LatMs.Length - 1, (int)Math.Ceiling(q * LatMs.Length) - 1 < 0 ? 0 : (int)Math.Ceiling(q * LatMs.Length) - 1)];
    }

    /// <summary>Closed loop: <paramref name="workers"/> tasks call <paramref name="call"/> back to back; only calls completed inside the window count.</summary>
    private static async Task<RunResult> Drive(Options o, int workers, Func<int, long, Task<int>> call)
    {
        var warmup = o.Double("warmup", 5);
        var duration = o.Double("duration", 20);
        var clock = Stopwatch.StartNew();
        var t0 = (long)(warmup * Stopwatch.Frequency);
        var t1 = t0 + (long)(duration * Stopwatch.Frequency);
        var lists = new List<long>[workers];
        long allCalls = 0;
        var tasks = new Task[workers];
        for (var w = 0; w < workers; w++)
        {
            var worker = w;
            var list = lists[w] = new List<long>(1 << 16);
            tasks[w] = Task.Run(async () =>
            {
                long n = 0;
                while (true)
                {
                    var start = clock.ElapsedTicks;
                    if (start >= t1)
                    {
                        break;
                    }
                    await call(worker, n++);
                    Interlocked.Increment(ref allCalls);
                    var end = clock.ElapsedTicks;
                    if (start >= t0 && end <= t1)
                    {
                        list.Add(end - start);
                    }
                }
            });
        }
        await Task.WhenAll(tasks);
        var all = lists.SelectMany(l => l).Select(t => t * 1000.0 / Stopwatch.Frequency).ToArray();
        Array.Sort(all);
        return new RunResult(all.Length, duration, all, Interlocked.Read(ref allCalls));
    }

    // ---------------------------------------------------------------- PostGIS peer

    /// <summary>
    /// (a) one prepared ST_Covers query per point (--single points, default 5,000) on --connections connections;
    /// (b) --batch points (100,000) in one unnest query. Against quartier (qpv2015, GiST on perimeter), same points.
    /// </summary>
    private static async Task PostGis(Options o)
    {
        var db = o.Str("db", DefaultDb);
        var single = o.Int("single", 5_000);
        var batch = o.Int("batch", 100_000);
        var connections = o.Int("connections", 2);
        var (lon, lat) = await Points(o, Math.Max(single, batch));

        const string One = """
            SELECT code FROM quartier
            WHERE version = 'qpv2015' AND ST_Covers(perimeter, ST_SetSRID(ST_MakePoint($1, $2), 4326))
            LIMIT 1
            """;
        // warm-up + sequential (1 connection) and parallel (connections) runs
        foreach (var conns in new[] { 1, connections }.Distinct())
        {
            var inside = 0L;
            var lat_ms = new List<double>[conns];
            var sw = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, conns).Select(async c =>
            {
                var mine = lat_ms[c] = [];
                await using var conn = new NpgsqlConnection(db);
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand(One, conn);
                var p1 = new NpgsqlParameter<double> { NpgsqlDbType = NpgsqlDbType.Double };
                var p2 = new NpgsqlParameter<double> { NpgsqlDbType = NpgsqlDbType.Double };
                cmd.Parameters.Add(p1);
                cmd.Parameters.Add(p2);
                await cmd.PrepareAsync();
                for (var i = 0; i < 200; i++)
                {
                    p1.TypedValue = lon[i];
                    p2.TypedValue = lat[i];
                    await cmd.ExecuteScalarAsync();
                }
                var t = Stopwatch.StartNew();
                for (var i = c; i < single; i += conns)
                {
                    p1.TypedValue = lon[i];
                    p2.TypedValue = lat[i];
                    var s = t.Elapsed.TotalMilliseconds;
                    if (await cmd.ExecuteScalarAsync() is string)
                    {
                        Interlocked.Increment(ref inside);
                    }
                    mine.Add(t.Elapsed.TotalMilliseconds - s);
                }
            }));
            var secs = sw.Elapsed.TotalSeconds;
            var all = lat_ms.SelectMany(l => l).Order().ToArray();
            Console.WriteLine(string.Create(Inv,
                $"| PostGIS (a) prepared ST_Covers, one query per point, {conns} conn | {single / secs:N0} points/s | p50 {all[all.Length / 2]:N3} ms | p99 {all[(int)(all.Length * 0.99)]:N3} ms | {single} points, {inside} inside |"));
        }

        const string Many = """
            SELECT t.i, q.code
            FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS t(lon, lat, i)
            LEFT JOIN LATERAL (
              SELECT code FROM quartier
              WHERE version = 'qpv2015' AND ST_Covers(perimeter, ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326))
              LIMIT 1) q ON true
            """;
        await using (var conn = new NpgsqlConnection(db))
        {
            await conn.OpenAsync();
            var xs = lon.Take(batch).ToArray();
            var ys = lat.Take(batch).ToArray();
            for (var run = 0; run < o.Int("runs", 3); run++)
            {
                await using var cmd = new NpgsqlCommand(Many, conn) { CommandTimeout = 600 };
                cmd.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = xs });
                cmd.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = ys });
                var sw = Stopwatch.StartNew();
                long rows = 0, inside = 0;
                await using (var r = await cmd.ExecuteReaderAsync())
                {
                    while (await r.ReadAsync())
                    {
                        rows++;
                        if (!r.IsDBNull(1))
                        {
                            inside++;
                        }
                    }
                }
                var secs = sw.Elapsed.TotalSeconds;
                Console.WriteLine(string.Create(Inv,
                    $"| PostGIS (b) unnest batch of {batch:N0}, 1 conn, run {run + 1} | {rows / secs:N0} points/s | {secs * 1000:N0} ms per batch | {rows} rows, {inside} inside |"));
            }
        }
    }

    // ---------------------------------------------------------------- options

    private sealed class Options
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

        public static Options Parse(IEnumerable<string> args)
        {
            var o = new Options();
            string? key = null;
            foreach (var a in args)
            {
                if (a.StartsWith("--", StringComparison.Ordinal))
                {
                    key = a[2..];
                    o._values[key] = "true";
                }
                else if (key is not null)
                {
                    o._values[key] = a;
                    key = null;
                }
            }
            return o;
        }

        public string Str(string name, string fallback) => _values.TryGetValue(name, out var v) ? v : fallback;

        public int Int(string name, int fallback) => _values.TryGetValue(name, out var v) ? int.Parse(v, Inv) : fallback;

        public double Double(string name, double fallback) => _values.TryGetValue(name, out var v) ? double.Parse(v, Inv) : fallback;
    }
}
