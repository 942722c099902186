using System.Diagnostics;
using Geographie.Spatial;

namespace Geographie.Benchmarks;

/// <summary>`dotnet run -c Release -- quick [datasets…]`: a seconds-long Stopwatch sanity check used while tuning (not a benchmark).</summary>
public static class QuickCheck
{
    public static void Run(string[] datasets)
    {
        if (datasets is ["stats", ..])
        {
            GridStats.Run(datasets[1..]);
            return;
        }

        if (datasets is ["ratio", ..])
        {
            Ratio();
            return;
        }

        if (datasets is ["overlaps", "communezones"])
        {
            Overlaps.CommuneZonesMemory.Run();
            return;
        }

        if (datasets is ["overlaps", "stages"])
        {
            Overlaps.OverlapStages.Run();
            return;
        }

        if (datasets is ["overlaps", ..])
        {
            Overlaps.OverlapCpu.Run();
            return;
        }

        if (datasets is ["answer-loop", string workload, string reps])
        {
            AnswerLoop(workload, int.Parse(reps, System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        if (datasets is ["answer", ..])
        {
            Answer();
            return;
        }

        if (datasets is ["projection", ..])
        {
            Projection();
            return;
        }

        if (datasets is ["cells", ..])
        {
            Cells(datasets[1..]);
            return;
        }

        if (datasets is ["threads", ..])
        {
            Threads(datasets.Length > 1 ? Enum.Parse<IndexStrategy>(datasets[1]) : IndexStrategy.Grid);
            return;
        }

        Span<int> hits = stackalloc int[8];
        foreach (string name in datasets.Length > 0 ? datasets : ["quartiers", "iris", "france"])
        {
            Perimeter[] perimeters = Workloads.Perimeters(name);
            PerimeterIndex grid = PerimeterIndex.Build(perimeters);
            double buildMs = double.MaxValue, scanBuildMs = double.MaxValue;
            for (int rep = 0; rep < 3; rep++)
            {
                TimeSpan c0 = Environment.CpuUsage.TotalTime;
                grid = PerimeterIndex.Build(perimeters);
                buildMs = Math.Min(buildMs, (Environment.CpuUsage.TotalTime - c0).TotalMilliseconds);
                c0 = Environment.CpuUsage.TotalTime;
                PerimeterIndex.Build(perimeters, IndexStrategy.Scan);
                scanBuildMs = Math.Min(scanBuildMs, (Environment.CpuUsage.TotalTime - c0).TotalMilliseconds);
            }

            var sw = Stopwatch.StartNew();
            (double[] x, double[] y) = Workloads.Points(name, Workloads.PointCount);
            double best = double.MaxValue;
            int total = 0;
            for (int rep = 0; rep < 5; rep++)
            {
                TimeSpan cpu0 = Environment.CpuUsage.TotalTime;
                for (int i = 0; i < x.Length; i++)
                {
                    total += grid.FindCovering(x[i], y[i], hits);
                }

                best = Math.Min(best, (Environment.CpuUsage.TotalTime - cpu0).TotalNanoseconds / x.Length);
            }

            int found = 0;
            for (int i = 0; i < 20000; i++)
            {
                found += grid.TryFindNearestBoundary(x[i], y[i], 1000, out _, out _) ? 1 : 0;
            }

            Thread.Sleep(200);
            found = 0;
            sw.Restart();
            for (int i = 0; i < 20000; i++)
            {
                found += grid.TryFindNearestBoundary(x[i], y[i], 1000, out _, out _) ? 1 : 0;
            }

            double nearestNs = sw.Elapsed.TotalNanoseconds / 20000;

            Console.WriteLine($"{name}: build {buildMs:F1} ms (flatten+project {scanBuildMs:F1}), memory {grid.MemoryBytes / 1e6:F2} MB ({grid.MemoryBytes / (16.0 * grid.VertexCount):F2}x raw), lookup {best:F1} ns/pt, hits {total / 5}, nearest {nearestNs:F0} ns ({found} found)");
        }
    }

    /// <summary>The complete answer on the production-like workloads, CPU ns per point (best of 3), Geographie then NTS.</summary>
    private static void Answer()
    {
        foreach (string workload in new[] { "lyon", "france" })
        {
            var bench = new Eligibility.AnswerBenchmarks { Workload = workload, NearDistanceM = 300 };
            bench.Setup();
            var edition = Eligibility.CompleteEditions.Load(workload);
            PerimeterIndex index = edition.Snapshot.Edition(edition.Version).Perimeters;
            (double[] lon, double[] lat) = Eligibility.CompleteEditions.Points(workload, 100_000);
            if (index.Nearest is { } cells)
            {
                Console.WriteLine(cells.Describe(lon, lat));
            }
            double best = double.MaxValue, nts = double.MaxValue;
            for (int rep = 0; rep < 3; rep++)
            {
                TimeSpan c0 = Environment.CpuUsage.TotalTime;
                bench.Geographie();
                best = Math.Min(best, (Environment.CpuUsage.TotalTime - c0).TotalNanoseconds / 100_000);
            }

            double nearest = double.MaxValue;
            for (int rep = 0; rep < 3; rep++)
            {
                TimeSpan c0 = Environment.CpuUsage.TotalTime;
                for (int i = 0; i < lon.Length; i++)
                {
                    index.TryFindNearestBoundary(lon[i], lat[i], 5000, out _, out _);
                }

                nearest = Math.Min(nearest, (Environment.CpuUsage.TotalTime - c0).TotalNanoseconds / 100_000);
            }

            double project = double.MaxValue, covering = double.MaxValue;
            int[] hits = new int[8];
            for (int rep = 0; rep < 3; rep++)
            {
                TimeSpan c0 = Environment.CpuUsage.TotalTime;
                double sink = 0;
                for (int i = 0; i < lon.Length; i++)
                {
                    MetricCrs.Lambert93.Project(lon[i], lat[i], out double x, out _);
                    sink += x;
                }

                project = Math.Min(project, (Environment.CpuUsage.TotalTime - c0).TotalNanoseconds / 100_000);
                c0 = Environment.CpuUsage.TotalTime;
                for (int i = 0; i < lon.Length; i++)
                {
                    index.FindCovering(lon[i], lat[i], hits);
                }

                covering = Math.Min(covering, (Environment.CpuUsage.TotalTime - c0).TotalNanoseconds / 100_000);
            }

            Console.WriteLine($"nearest alone {nearest:F0} ns/point, projection {project:F0}, covering {covering:F0}");
            TimeSpan n0 = Environment.CpuUsage.TotalTime;
            bench.Nts();
            nts = (Environment.CpuUsage.TotalTime - n0).TotalNanoseconds / 100_000;
            Console.WriteLine($"{workload}: Geographie {best:F0} ns/point, NTS {nts:F0} ns/point, ratio {nts / best:F1}");
        }
    }

    /// <summary>
    /// Lambert-93 forward projection, CPU ns per point (best of 5): ours, the textbook formula (Tan and two Pow, as before)
    /// and ProjNET (the peers; same points, same run):
    /// the production-like Lyon points and a 0.01° grid over metropolitan France; prints the largest difference.
    /// </summary>
    private static void Projection()
    {
        var pcs = (ProjNet.CoordinateSystems.ProjectedCoordinateSystem)new ProjNet.CoordinateSystems.CoordinateSystemFactory()
            .CreateFromWkt(Lambert93Wkt);
        ProjNet.CoordinateSystems.Transformations.MathTransform projNet = new ProjNet.CoordinateSystems.Transformations.CoordinateTransformationFactory()
            .CreateFromCoordinateSystems(pcs.GeographicCoordinateSystem, pcs).MathTransform;
        (double[] lyonLon, double[] lyonLat) = Eligibility.CompleteEditions.Points("lyon", 100_000);
        var gridLon = new List<double>();
        var gridLat = new List<double>();
        for (double lat = 41.0; lat <= 51.5; lat += 0.01)
        {
            for (double lon = -5.5; lon <= 10.0; lon += 0.01)
            {
                gridLon.Add(lon);
                gridLat.Add(lat);
            }
        }

        foreach ((string name, double[] lon, double[] lat) in new[] { ("lyon points", lyonLon, lyonLat), ("France grid", gridLon.ToArray(), gridLat.ToArray()) })
        {
            double ours = double.MaxValue, textbook = double.MaxValue, peer = double.MaxValue, worst = 0, sink = 0;
            for (int rep = 0; rep < 5; rep++)
            {
                TimeSpan c0 = Environment.CpuUsage.TotalTime;
                for (int i = 0; i < lon.Length; i++)
                {
                    MetricCrs.Lambert93.Project(lon[i], lat[i], out double x, out double y);
                    sink += x + y;
                }

                ours = Math.Min(ours, (Environment.CpuUsage.TotalTime - c0).TotalNanoseconds / lon.Length);
                c0 = Environment.CpuUsage.TotalTime;
                for (int i = 0; i < lon.Length; i++)
                {
                    Geographie.Spatial.Tests.Support.TextbookLambert93.Project(lon[i], lat[i], out double x, out double y);
                    sink -= x + y;
                }

                textbook = Math.Min(textbook, (Environment.CpuUsage.TotalTime - c0).TotalNanoseconds / lon.Length);
                c0 = Environment.CpuUsage.TotalTime;
                for (int i = 0; i < lon.Length; i++)
                {
                    (double x, double y) = projNet.Transform(lon[i], lat[i]);
                    sink -= x + y;
                }

                peer = Math.Min(peer, (Environment.CpuUsage.TotalTime - c0).TotalNanoseconds / lon.Length);
            }

            for (int i = 0; i < lon.Length; i++)
            {
                MetricCrs.Lambert93.Project(lon[i], lat[i], out double x, out double y);
                (double ex, double ey) = projNet.Transform(lon[i], lat[i]);
                worst = Math.Max(worst, Math.Max(Math.Abs(x - ex), Math.Abs(y - ey)));
            }

            Console.WriteLine($"{name} ({lon.Length} points): Geographie {ours:F1} ns/point, textbook formula {textbook:F1}, ProjNET {peer:F1}; "
                + $"largest difference from ProjNET {worst * 1000:F4} mm ({sink:E1})");
        }
    }

    private const string Lambert93Wkt = "PROJCS[\"RGF93 / Lambert-93\",GEOGCS[\"RGF93\",DATUM[\"Reseau_Geodesique_Francais_1993\",SPHEROID[\"GRS 1980\",6378137,298.257222101],TOWGS84[0,0,0,0,0,0,0]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Lambert_Conformal_Conic_2SP\"],PARAMETER[\"standard_parallel_1\",49],PARAMETER[\"standard_parallel_2\",44],PARAMETER[\"latitude_of_origin\",46.5],PARAMETER[\"central_meridian\",3],PARAMETER[\"false_easting\",700000],PARAMETER[\"false_northing\",6600000],UNIT[\"metre\",1],AXIS[\"X\",EAST],AXIS[\"Y\",NORTH]]";

    /// <summary>
    /// Only the complete answers of one workload, <paramref name="reps"/> times 100,000, for a sampling profiler:
    /// `DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -e cpu-clock -g dotnet … quick answer-loop lyon 40`.
    /// </summary>
    private static void AnswerLoop(string workload, int reps)
    {
        var bench = new Eligibility.AnswerBenchmarks { Workload = workload, NearDistanceM = 300 };
        bench.Setup();
        TimeSpan c0 = Environment.CpuUsage.TotalTime;
        for (int rep = 0; rep < reps; rep++)
        {
            bench.Geographie();
        }

        Console.WriteLine($"{workload}: {(Environment.CpuUsage.TotalTime - c0).TotalNanoseconds / (100_000.0 * reps):F0} ns/point over {reps} x 100,000 answers");
    }

    /// <summary>Build CPU time (best of 3) and memory of the nearest-boundary cells at the default radii, per dataset (all, or those named).</summary>
    private static void Cells(string[] only)
    {
        (string Name, Func<Perimeter[]> Perimeters)[] sets =
        [
            ("bench-lyon (QPV 2015 Lyon)", () => Eligibility.CompleteEditions.Load("lyon").Perimeters),
            ("bench-france (Lyon QPV translated x40)", () => Eligibility.CompleteEditions.Load("france").Perimeters),
            ("quartiers", () => Workloads.Perimeters("quartiers")),
            ("iris", () => Workloads.Perimeters("iris")),
            ("france (IRIS/quartiers translated)", () => Workloads.Perimeters("france")),
        ];
        foreach ((string name, Func<Perimeter[]> load) in sets.Where(s => only.Length == 0 || only.Any(o => s.Name.StartsWith(o, StringComparison.Ordinal))))
        {
            Perimeter[] perimeters = load();
            double with = double.MaxValue, without = double.MaxValue;
            PerimeterIndex index = PerimeterIndex.Build(perimeters);
            for (int rep = 0; rep < 3; rep++)
            {
                TimeSpan c0 = Environment.CpuUsage.TotalTime;
                index = PerimeterIndex.Build(perimeters);
                with = Math.Min(with, (Environment.CpuUsage.TotalTime - c0).TotalMilliseconds);
                c0 = Environment.CpuUsage.TotalTime;
                PerimeterIndex.Build(perimeters, IndexStrategy.Grid, nearestRadiusMetres: 0);
                without = Math.Min(without, (Environment.CpuUsage.TotalTime - c0).TotalMilliseconds);
            }

            long raw = 16L * index.VertexCount;
            Console.WriteLine($"{name}: {perimeters.Length} perimeters, {index.VertexCount} vertices; cells within {index.NearestRadiusMetres} m and {index.WideRadiusMetres} m: "
                + $"+{with - without:F0} ms build ({without:F0} ms without), {index.NearestMemoryBytes / 1e6:F2} MB ({index.NearestMemoryBytes / (double)raw:F2}x raw), "
                + $"whole index {index.MemoryBytes / 1e6:F2} MB ({index.MemoryBytes / (double)raw:F2}x raw)");
        }
    }

    /// <summary>France vs quartiers lookup, interleaved runs in one process (CPU time, best of 9 each), so machine noise hits both.</summary>
    private static void Ratio()
    {
        string[] names = ["quartiers", "france"];
        PerimeterIndex[] indexes = names.Select(n => PerimeterIndex.Build(Workloads.Perimeters(n))).ToArray();
        (double[] X, double[] Y)[] points = names.Select(n => Workloads.Points(n, Workloads.PointCount)).ToArray();
        double[] best = [double.MaxValue, double.MaxValue];
        int total = 0;
        Span<int> hits = stackalloc int[8];
        for (int rep = 0; rep < 9; rep++)
        {
            for (int d = 0; d < names.Length; d++)
            {
                (double[] x, double[] y) = points[d];
                TimeSpan cpu0 = Environment.CpuUsage.TotalTime;
                for (int i = 0; i < x.Length; i++)
                {
                    total += indexes[d].FindCovering(x[i], y[i], hits);
                }

                best[d] = Math.Min(best[d], (Environment.CpuUsage.TotalTime - cpu0).TotalNanoseconds / x.Length);
            }
        }

        Console.WriteLine($"quartiers {best[0]:F1} ns, france {best[1]:F1} ns, ratio {best[1] / best[0]:F2} ({total})");
    }

    /// <summary>Wall-clock ns per point for 1 and 2 threads over the quartiers points (1M for Grid, 20k for Scan), best of 5.</summary>
    private static void Threads(IndexStrategy strategy)
    {
        PerimeterIndex grid = PerimeterIndex.Build(Workloads.Perimeters("quartiers"), strategy);
        (double[] x, double[] y) = Workloads.Points("quartiers", strategy == IndexStrategy.Grid ? Workloads.PointCount : 20_000);
        int Run(int from, int to)
        {
            Span<int> hits = stackalloc int[8];
            int total = 0;
            for (int i = from; i < to; i++)
            {
                total += grid.FindCovering(x[i], y[i], hits);
            }

            return total;
        }

        for (int threads = 1; threads <= 2; threads++)
        {
            double best = double.MaxValue;
            for (int rep = 0; rep < 5; rep++)
            {
                var sw = Stopwatch.StartNew();
                int chunk = x.Length / threads;
                Thread[] workers = Enumerable.Range(0, threads).Select(t => new Thread(() => Run(t * chunk, (t + 1) * chunk))).ToArray();
                foreach (Thread w in workers)
                {
                    w.Start();
                }

                foreach (Thread w in workers)
                {
                    w.Join();
                }

                best = Math.Min(best, sw.Elapsed.TotalNanoseconds / x.Length);
            }

            Console.WriteLine($"{threads} thread(s): {best:F1} ns per point (wall)");
        }
    }
}
