using System.Globalization;

namespace Geographie.Benchmarks.Overlaps;

/// <summary>
/// `quick overlaps`: the methods of <see cref="OverlapBenchmarks"/> timed in CPU time — this process's for ours (one
/// thread), the PostgreSQL backend's (from /proc/PID/stat) for PostGIS — best of several runs. On a shared machine
/// CPU time survives the load that wall time does not. Each run repeats the method until it has used 200 ms of CPU
/// (the kernel counts /proc CPU time in 10 ms ticks).
/// </summary>
public static class OverlapCpu
{
    private const int Runs = 5;

    public static void Run()
    {
        Console.WriteLine("CPU ms per call over all zones (best of 5 runs):");
        Console.WriteLine("| Workload | Zones | Geographie, zones projected per call | Geographie, zones projected beforehand | Overlay (the replaced path) | PostGIS backend, zones transformed in the query | PostGIS backend, zones transformed beforehand | PostGIS / Geographie, both projecting | PostGIS / Geographie, both beforehand |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var workload in new[] { "communes69xLyon2015", "iris13xQuartiers" })
        {
            var bench = new OverlapBenchmarks { Workload = workload };
            bench.GlobalSetup();
            int backend = bench.BackendPid();
            double ours = Best(() => bench.OverlapIndexPerZone(), Environment.ProcessId, self: true);
            double projected = Best(() => bench.OverlapIndexPreprojected(), Environment.ProcessId, self: true);
            double overlay = Best(() => bench.OverlayPerZone(), Environment.ProcessId, self: true);
            double postgis = Best(() => bench.PostGisSubdivided(), backend, self: false);
            double transforming = Best(() => bench.PostGisTransformingZones(), backend, self: false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {workload} | {bench.ZoneCount} | {ours:F2} | {projected:F2} | {overlay:F1} | {transforming:F2} | {postgis:F2} | {transforming / ours:F1}× | {postgis / projected:F1}× |"));
            bench.Cleanup();
        }
    }

    /// <summary>CPU ms per call of <paramref name="run"/>, best of 5 runs: this process's when <paramref name="self"/>, else process <paramref name="pid"/>'s.</summary>
    internal static double Best(Func<double> run, int pid, bool self)
    {
        run();
        double best = double.MaxValue;
        for (int i = 0; i < Runs; i++)
        {
            double before = self ? Environment.CpuUsage.TotalTime.TotalMilliseconds : ProcessCpuMs(pid);
            double used = 0;
            int calls = 0;
            while (used < 200)
            {
                run();
                calls++;
                used = (self ? Environment.CpuUsage.TotalTime.TotalMilliseconds : ProcessCpuMs(pid)) - before;
            }

            best = Math.Min(best, used / calls);
        }

        return best;
    }

    // utime + stime, fields 14 and 15 of /proc/PID/stat, in clock ticks of 10 ms (USER_HZ = 100).
    private static double ProcessCpuMs(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    }
}
