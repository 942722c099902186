using Geographie.Spatial;

namespace Geographie.Benchmarks;

/// <summary>`quick stats [datasets…]`: grid shape and query depth histogram (tuning aid).</summary>
public static class GridStats
{
    public static void Run(string[] datasets)
    {
        foreach (string name in datasets.Length > 0 ? datasets : ["quartiers", "iris", "france"])
        {
            PerimeterIndex index = PerimeterIndex.Build(Workloads.Perimeters(name));
            Console.WriteLine($"{name}: memory {index.MemoryBytes / (16.0 * index.VertexCount):F2}x raw");
            if (index.Grid is { } grid)
            {
                (double[] x, double[] y) = Workloads.Points(name, Workloads.PointCount);
                Console.WriteLine(grid.Describe(x, y));
                Func<double, double, int> locate = grid.LocateOnly;
                var hits = new int[8];
                for (int rep = 0; rep < 3; rep++)
                {
                    var sw = System.Diagnostics.Stopwatch.StartNew();
                    long t = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        t += locate(x[i], y[i]);
                    }

                    double locNs = sw.Elapsed.TotalNanoseconds / x.Length;
                    sw.Restart();
                    for (int i = 0; i < x.Length; i++)
                    {
                        t += index.FindCovering(x[i], y[i], hits);
                    }

                    Console.WriteLine($"  locate-only {locNs:F1} ns, full {sw.Elapsed.TotalNanoseconds / x.Length:F1} ns ({t})");
                }

                var lx = new List<double>();
                var ly = new List<double>();
                for (int i = 0; i < x.Length; i++)
                {
                    if (locate(x[i], y[i]) > 0)
                    {
                        lx.Add(x[i]);
                        ly.Add(y[i]);
                    }
                }

                for (int rep = 0; rep < 3; rep++)
                {
                    var sw = System.Diagnostics.Stopwatch.StartNew();
                    long t = 0;
                    for (int i = 0; i < lx.Count; i++)
                    {
                        t += index.FindCovering(lx[i], ly[i], hits);
                    }

                    double leafNs = sw.Elapsed.TotalNanoseconds / lx.Count;
                    sw.Restart();
                    for (int i = 0; i < lx.Count; i++)
                    {
                        t += locate(lx[i], ly[i]);
                    }

                    Console.WriteLine($"  leaf points only: full {leafNs:F1} ns, locate {sw.Elapsed.TotalNanoseconds / lx.Count:F1} ns");
                }

                int[] order = Enumerable.Range(0, lx.Count).OrderBy(i => locate(lx[i], ly[i])).ToArray();
                double[] sx = order.SelectMany(i => Enumerable.Repeat(lx[i], 8)).ToArray(), sy = order.SelectMany(i => Enumerable.Repeat(ly[i], 8)).ToArray();
                for (int rep = 0; rep < 3; rep++)
                {
                    TimeSpan c0 = Environment.CpuUsage.TotalTime;
                    long t = 0;
                    for (int i = 0; i < sx.Length; i++)
                    {
                        t += index.FindCovering(sx[i], sy[i], hits);
                    }

                    double leafNs = (Environment.CpuUsage.TotalTime - c0).TotalNanoseconds / sx.Length;
                    c0 = Environment.CpuUsage.TotalTime;
                    for (int i = 0; i < sx.Length; i++)
                    {
                        t += locate(sx[i], sy[i]);
                    }

                    Console.WriteLine($"  each leaf point 8 times in a row (cache-warm): full {leafNs:F1} ns, locate {(Environment.CpuUsage.TotalTime - c0).TotalNanoseconds / sx.Length:F1} ns");
                }
            }
        }
    }
}
