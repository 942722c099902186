using System.Diagnostics;
using System.Globalization;
using Geographie.Api.Grpc.V1;
using Npgsql;

namespace Geographie.LoadGen;

/// <summary>
/// The PostGIS peer of the production-like workload (verb <c>postgis-complete</c>): the complete answer — covering
/// quartier (ST_Covers on the WGS84 perimeter), else the nearest boundary within 5 km in Lambert-93 (ST_DWithin +
/// <c>&lt;-&gt;</c> on bench_quartier_l93 of benchmarks/load/complete-edition-2015.sql), NEAR within 300 m — for the
/// address-like points in one batched query, timed with the backend's CPU seconds; then the service's
/// <c>CheckColumns</c> answers to the same points, compared answer by answer (status, quartier, distance within 1 cm).
/// </summary>
public static class CompleteAnswerPeer
{
    private const double NearM = 300;
    private const double DistanceToleranceM = 0.01;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private const string Query = """
        SELECT t.i, c.code, c.d, n.code, n.d
        FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS t(lon, lat, i)
        CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326) AS p,
                                   ST_Transform(ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326), 2154) AS p93) pt
        LEFT JOIN LATERAL (
          SELECT q.code, ST_Distance(ST_Boundary(m.geom), pt.p93) AS d
          FROM quartier q JOIN bench_quartier_l93 m ON m.code = q.code
          WHERE q.version = 'qpv2015' AND ST_Covers(q.perimeter, pt.p)
          LIMIT 1) c ON true
        LEFT JOIN LATERAL (
          SELECT m.code, ST_Distance(m.geom, pt.p93) AS d
          FROM bench_quartier_l93 m
          WHERE c.code IS NULL AND ST_DWithin(m.geom, pt.p93, 5000)
          ORDER BY m.geom <-> pt.p93
          LIMIT 1) n ON true
        ORDER BY t.i
        """;

    private readonly record struct Answer(Status Status, string? Code, double Distance);

    /// <summary>Runs the peer <paramref name="runs"/> times on <paramref name="count"/> points, then compares the first <paramref name="compare"/> with the service at <paramref name="url"/>.</summary>
    public static async Task RunAsync(string url, string db, int count, int runs, int compare)
    {
        var (lon, lat) = await Program.AddressLikePoints(db, Math.Max(count, compare), 20261201);
        Answer[] peer = [];
        await using (var conn = new NpgsqlConnection(db))
        {
            await conn.OpenAsync();
            await using var pidCommand = new NpgsqlCommand("SELECT pg_backend_pid()", conn);
            var backend = (int)(await pidCommand.ExecuteScalarAsync())!;
            var xs = lon.Take(Math.Max(count, compare)).ToArray();
            var ys = lat.Take(xs.Length).ToArray();
            for (var run = 0; run < runs; run++)
            {
                var cpu0 = CpuSeconds(backend);
                var sw = Stopwatch.StartNew();
                var answers = await Ask(conn, xs[..count], ys[..count]);
                var secs = sw.Elapsed.TotalSeconds;
                var cpu = CpuSeconds(backend) - cpu0;
                Console.WriteLine(string.Create(Inv,
                    $"| PostGIS complete answer, unnest batch of {count:N0}, 1 conn, run {run + 1} | {count / secs:N0} points/s | {secs * 1000:N0} ms | backend cpu {cpu:N2} s = {cpu / count * 1e6:N2} µs/point | {Mix(answers)} |"));
                peer = answers;
            }
            if (peer.Length < compare)
            {
                peer = await Ask(conn, xs, ys);
            }
        }

        using var channel = Program.Channel(url);
        var client = new Eligibility.EligibilityClient(channel);
        var service = new List<Answer>(compare);
        for (var start = 0; start < compare; start += 10_000)
        {
            var n = Math.Min(10_000, compare - start);
            var request = new CheckColumnsRequest { Geography = "qpv2015", NearDistanceM = NearM };
            request.Lon.AddRange(lon.AsSpan(start, n).ToArray());
            request.Lat.AddRange(lat.AsSpan(start, n).ToArray());
            var response = await client.CheckColumnsAsync(request);
            for (var i = 0; i < n; i++)
            {
                var index = response.Quartiers[i] != 0 ? response.Quartiers[i] : response.Nearest[i];
                service.Add(new Answer(response.Statuses[i], index == 0 ? null : response.QuartierCodes[(int)index - 1], response.DistancesM[i]));
            }
        }

        int statusDiff = 0, codeDiff = 0, distanceDiff = 0;
        var maxDiff = 0.0;
        for (var i = 0; i < compare; i++)
        {
            var (s, p) = (service[i], peer[i]);
            if (s.Status != p.Status)
            {
                statusDiff++;
                continue;
            }
            if (s.Code != p.Code)
            {
                codeDiff++;
            }
            if (double.IsNaN(s.Distance) != double.IsNaN(p.Distance))
            {
                distanceDiff++;
            }
            else if (!double.IsNaN(s.Distance))
            {
                var diff = Math.Abs(s.Distance - p.Distance);
                maxDiff = Math.Max(maxDiff, diff);
                if (diff > DistanceToleranceM)
                {
                    distanceDiff++;
                }
            }
        }
        Console.WriteLine(string.Create(Inv,
            $"same answers, service (CheckColumns) vs PostGIS, first {compare:N0} points: status differs {statusDiff}, quartier differs {codeDiff}, distance differs by > 1 cm or present in one only {distanceDiff}; largest distance difference {maxDiff * 1000:N3} mm; service mix {Mix(service)}"));
    }

    private static async Task<Answer[]> Ask(NpgsqlConnection conn, double[] xs, double[] ys)
    {
        await using var cmd = new NpgsqlCommand(Query, conn) { CommandTimeout = 1200 };
        cmd.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = xs });
        cmd.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = ys });
        var answers = new Answer[xs.Length];
        await using var r = await cmd.ExecuteReaderAsync();
        var k = 0;
        while (await r.ReadAsync())
        {
            answers[k++] = !r.IsDBNull(1) ? new Answer(Status.Inside, r.GetString(1), r.GetDouble(2))
                : r.IsDBNull(3) ? new Answer(Status.Outside, null, double.NaN)
                : new Answer(r.GetDouble(4) <= NearM ? Status.Near : Status.Outside, r.GetString(3), r.GetDouble(4));
        }
        return answers;
    }

    private static string Mix(IReadOnlyCollection<Answer> answers)
    {
        double Share(Func<Answer, bool> f) => 100.0 * answers.Count(f) / answers.Count;
        return string.Create(Inv,
            $"INSIDE {Share(a => a.Status == Status.Inside):N1} %, NEAR {Share(a => a.Status == Status.Near):N1} %, OUTSIDE with a distance {Share(a => a.Status == Status.Outside && !double.IsNaN(a.Distance)):N1} %, OUTSIDE without {Share(a => a.Status == Status.Outside && double.IsNaN(a.Distance)):N1} %, other {Share(a => a.Status is not (Status.Inside or Status.Near or Status.Outside)):N1} %");
    }

    private static double CpuSeconds(int pid)
    {
        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11], Inv) + long.Parse(fields[12], Inv)) / 100.0;
    }
}
