using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Geographie.LoadGen;

/// <summary>
/// The <c>overlaps</c> verb: a GeoJSON FeatureCollection of zones POSTed to a running service's <c>/v1/overlaps</c>
/// (JSON answer read whole), against PostGIS computing the same areas from the same body text in the same run:
/// the features parsed by <c>ST_GeomFromGeoJSON</c>, transformed once to EPSG:2154, each zone's area, and per
/// (zone, quartier) the intersection area and both shares, from the edition's perimeters cut by <c>ST_Subdivide</c>
/// under a GiST index (built once, untimed, as the service's snapshot is). <c>--repeat</c> makes a body of that many
/// zones by cycling the file's features (then only the service is timed, with its peak memory when <c>--pid</c> is given).
/// <c>--communes</c> times <c>GET /v1/overlaps/communes</c> instead (the table d'appartenance of every loaded commune
/// outline), PostGIS computing the same areas from the same outlines (table <c>commune</c>) in the same run.
/// <c>--warmup</c> (default 2) untimed requests and PostGIS runs come first, for this client's connection and JIT.
/// The timed runs follow each other with nothing between them; the CPU (with <c>--pid</c>) is read before the last
/// untimed run and after the last timed one, a mean per run. <c>--cpu-per-run</c> reads it around each run instead: reading every thread's
/// schedstat takes 1–5 ms, and an idle gap that long lets this VM's vCPUs halt, which a request of 2 ms pays for
/// (benchmarks/RESULTS.md, Overlaps, session 25). <c>--gap-ms</c> idles that long before each timed run, the service's
/// and PostGIS's alike: requests that find the machine idle, as an analyst's now and then do.
/// </summary>
internal static class OverlapLoad
{
    private const string Pieces = """
        DROP TABLE IF EXISTS load_overlap_piece, load_overlap_area;
        CREATE TEMP TABLE load_overlap_piece AS
            SELECT code, ST_Subdivide(ST_Transform(perimeter, 2154), 128) AS g FROM quartier WHERE version = @geography AND perimeter IS NOT NULL;
        CREATE INDEX ON load_overlap_piece USING gist (g);
        CREATE TEMP TABLE load_overlap_area AS
            SELECT code, ST_Area(ST_Transform(perimeter, 2154)) AS a FROM quartier WHERE version = @geography AND perimeter IS NOT NULL;
        ANALYZE load_overlap_piece;
        ANALYZE load_overlap_area;
        """;

    // The zones of a POSTed body, parsed by PostGIS from the same text.
    private const string BodyZones = """
        SELECT n AS id, ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(f -> 'geometry'), 4326), 2154) AS g
        FROM json_array_elements(@body::json -> 'features') WITH ORDINALITY AS t(f, n)
        """;

    // The zones of the communes table: every loaded commune outline, as the service's snapshot holds them.
    private const string CommuneZones = "SELECT insee AS id, ST_Transform(outline, 2154) AS g FROM commune WHERE outline IS NOT NULL";

    // What the service answers for JSON: per zone its area, per (zone, quartier) the intersection and both shares.
    private const string Query = """
        WITH z AS MATERIALIZED ({0}),
        za AS MATERIALIZED (SELECT id, g, ST_Area(g) AS a FROM z),
        pc AS (
            SELECT za.id, p.code, sum(ST_Area(ST_Intersection(za.g, p.g))) AS m2
            FROM za JOIN load_overlap_piece p ON ST_Intersects(za.g, p.g)
            GROUP BY za.id, p.code)
        SELECT za.id, za.a, pc.code, pc.m2, pc.m2 / za.a, pc.m2 / q.a
        FROM za LEFT JOIN pc ON pc.id = za.id LEFT JOIN load_overlap_area q ON q.code = pc.code
        """;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task RunAsync(string url, string db, string zonesFile, string geography, int runs, int warmup, int repeat, int pid, bool communes, bool cpuPerRun, int gapMs)
    {
        var body = communes ? [] : repeat > 0 ? Repeated(zonesFile, repeat) : await File.ReadAllBytesAsync(zonesFile);
        var zones = communes ? await CountOutlines(db) : repeat > 0 ? repeat : CountFeatures(body);
        var label = communes ? $"GET /v1/overlaps/communes, {zones:N0} zones × {geography}"
            : $"{Path.GetFileName(zonesFile)}{(repeat > 0 ? $" cycled to {repeat:N0} zones" : $", {zones:N0} zones")} × {geography}, {body.Length / 1e6:N1} MB";
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        var ours = new List<double>();
        var lines = new List<string>();
        var cpuBeforeRuns = 0.0;

        // The CPU is read before the last untimed run, so that the reading's own idle gap precedes no timed run.
        var cpuFrom = warmup > 0 ? -1 : 0;

        // The first requests of this client pay for its connection and its own JIT (session 22: 75 ms, then 8, against
        // 3–6 ms after): untimed, for the service and PostGIS alike.
        for (var run = -warmup; run < runs; run++)
        {
            if (run == cpuFrom)
            {
                cpuBeforeRuns = CpuMs(pid);
            }

            if (run >= 0 && gapMs > 0)
            {
                await Task.Delay(gapMs);
            }

            var cpuBefore = cpuPerRun ? CpuMs(pid) : 0;
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/geo+json");
            var watch = Stopwatch.StartNew();
            using var response = communes
                ? await http.GetAsync($"{url}/v1/overlaps/communes?geography={geography}")
                : await http.PostAsync($"{url}/v1/overlaps?geography={geography}", content);
            var answer = await response.Content.ReadAsByteArrayAsync();
            watch.Stop();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{(int)response.StatusCode}: {Encoding.UTF8.GetString(answer)}");
            }

            if (run < 0)
            {
                continue;
            }

            ours.Add(watch.Elapsed.TotalMilliseconds);
            var runCpu = cpuPerRun && pid > 0 ? $", service CPU {CpuMs(pid) - cpuBefore:N1} ms" : string.Empty;

            // Printed after the runs: a console write between two runs is a gap too.
            lines.Add(string.Create(Inv, $"  service run {run + 1}: {ours[^1]:N1} ms ({ours[^1] / zones:N3} ms/zone), answer {answer.Length / 1e6:N1} MB{runCpu}"));
        }

        var oursCpu = (CpuMs(pid) - cpuBeforeRuns) / (runs - cpuFrom);
        lines.ForEach(Console.WriteLine);
        if (pid > 0)
        {
            Console.WriteLine(string.Create(Inv, $"  service CPU over the last {runs - cpuFrom} runs: {oursCpu:N2} ms a run ({oursCpu / zones:N4} ms/zone), VmHWM {PeakMiB(pid):N0} MiB"));
        }

        if (repeat > 0)
        {
            Console.WriteLine(string.Create(Inv, $"| {label} | service best {ours.Min():N0} ms, {ours.Min() / zones:N3} ms/zone | — |"));
            return;
        }

        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using (var setup = new NpgsqlCommand(Pieces, connection))
        {
            setup.Parameters.AddWithValue("geography", geography);
            await setup.ExecuteNonQueryAsync();
        }

        var text = Encoding.UTF8.GetString(body);
        var peer = new List<double>();
        var peerCpu = 0.0;
        await using (var backend = new NpgsqlCommand("SELECT pg_backend_pid()", connection))
        {
            // The backend runs on this machine (the load tools need the local PostGIS): its CPU is read as the service's.
            var backendPid = (int)(await backend.ExecuteScalarAsync())!;
            for (var run = 0; run < warmup; run++)
            {
                await PeerRunAsync(connection, communes ? null : text, zones, -1);
            }

            var peerCpuBefore = CpuMs(backendPid);
            for (var run = 0; run < runs; run++)
            {
                if (gapMs > 0)
                {
                    await Task.Delay(gapMs);
                }

                peer.Add(await PeerRunAsync(connection, communes ? null : text, zones, run));
            }

            peerCpu = (CpuMs(backendPid) - peerCpuBefore) / runs;
            Console.WriteLine(string.Create(Inv, $"  PostGIS backend CPU over the {runs} runs: {peerCpu:N2} ms a run ({peerCpu / zones:N4} ms/zone)"));
        }

        var cpu = pid > 0
            ? $" CPU mean: service {oursCpu / zones:N4} ms/zone, PostGIS backend {peerCpu / zones:N4} ms/zone, {peerCpu / oursCpu:N1}×."
            : string.Empty;
        Console.WriteLine(string.Create(Inv,
            $"| {label} | service best {ours.Min():N1} ms ({ours.Min() / zones:N3} ms/zone), median {Median(ours):N1} | PostGIS best {peer.Min():N1} ms ({peer.Min() / zones:N3} ms/zone), median {Median(peer):N1} | {peer.Min() / ours.Min():N1}× (best), {Median(peer) / Median(ours):N1}× (median) |{cpu}"));
    }

    /// <summary>
    /// The peer's SQL for psql (the <c>overlaps-sql</c> verb, used by benchmarks/load/overlaps-spaced.sh): <c>setup</c>
    /// builds the subdivided pieces of <paramref name="geography"/>, <c>query</c> is the timed query over the psql
    /// variable <c>body</c> (or the commune outlines with <paramref name="communes"/>): the query this verb runs, its
    /// parameters inlined as literals.
    /// </summary>
    public static string PeerSql(string part, string geography, bool communes) => part switch
    {
        "setup" => Pieces.Replace("@geography", $"'{geography.Replace("'", "''", StringComparison.Ordinal)}'", StringComparison.Ordinal),
        "query" => string.Format(Inv, Query, communes ? CommuneZones : BodyZones.Replace("@body", ":'body'", StringComparison.Ordinal)) + ";",
        _ => throw new ArgumentException($"--part {part}: setup or query"),
    };

    /// <summary>One PostGIS run of the peer query (over the body's text, or the commune outlines when null), every row read; its wall time in ms.</summary>
    private static async Task<double> PeerRunAsync(NpgsqlConnection connection, string? text, int zones, int run)
    {
        var watch = Stopwatch.StartNew();
        await using var command = new NpgsqlCommand(string.Format(Inv, Query, text is null ? CommuneZones : BodyZones), connection);
        if (text is not null)
        {
            command.Parameters.AddWithValue("body", text);
        }

        var rows = 0;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows++;
            }
        }

        watch.Stop();
        Console.WriteLine(string.Create(Inv, $"  PostGIS {(run < 0 ? "warm-up" : $"run {run + 1}")}: {watch.Elapsed.TotalMilliseconds:N1} ms ({watch.Elapsed.TotalMilliseconds / zones:N3} ms/zone), {rows} rows"));
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// CPU time of process <paramref name="pid"/> so far in ms, 0 without a pid: the sum over its threads of the time
    /// the scheduler ran them (/proc/PID/task/*/schedstat, in ns), so that a request of a few ms reads its own CPU. A
    /// thread that ends between two readings takes its time with it and the run reads low (the .NET pool retires a
    /// thread only after about 20 s idle, not between back-to-back runs); a PostgreSQL backend is one thread.
    /// </summary>
    private static double CpuMs(int pid)
    {
        if (pid <= 0)
        {
            return 0;
        }

        long ns = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                ns += long.Parse(File.ReadAllText($"{task}/schedstat").Split(' ')[0], Inv);
            }
            catch (IOException)
            {
                // The thread ended between the listing and the reading.
            }
        }

        return ns / 1e6;
    }

    private static async Task<int> CountOutlines(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM commune WHERE outline IS NOT NULL", connection);
        return (int)(long)(await count.ExecuteScalarAsync())!;
    }

    private static int CountFeatures(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("features").GetArrayLength();
    }

    /// <summary>A FeatureCollection of <paramref name="count"/> features, the file's cycled in order.</summary>
    private static byte[] Repeated(string file, int count)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        var features = document.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetRawText()).ToArray();
        var text = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (var i = 0; i < count; i++)
        {
            text.Append(i > 0 ? "," : string.Empty).Append(features[i % features.Length]);
        }

        return Encoding.UTF8.GetBytes(text.Append("]}").ToString());
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static double PeakMiB(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Inv) / 1024).First();
}
