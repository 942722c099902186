using Geographie.Tiles.Tests.Support;
using System.Diagnostics;
using Geographie.Tiles;

namespace Geographie.Benchmarks.Tiles;

/// <summary>
/// Builds every tile covering a city once (after one warm-up pass over the same tiles) with both builders and reports
/// the distribution: p50/p95/max time per tile and the tile sizes. Each build is cold (nothing is cached by either).
/// </summary>
internal static class TileSurvey
{
    public static string Describe(string city, int z, TileDataSet data, PostGisTiles postgis, TileAddress[] tiles)
    {
        foreach (TileAddress t in tiles)
        {
            data.BuildTile(t);
            postgis.BuildTile(t);
        }

        var ours = new List<double>();
        var peer = new List<double>();
        var sizes = new List<int>();
        var peerSizes = new List<int>();
        foreach (TileAddress t in tiles)
        {
            long t0 = Stopwatch.GetTimestamp();
            byte[]? a = data.BuildTile(t);
            ours.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            t0 = Stopwatch.GetTimestamp();
            byte[]? b = postgis.BuildTile(t);
            peer.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            if (a is not null)
            {
                sizes.Add(a.Length);
            }

            if (b is not null)
            {
                peerSizes.Add(b.Length);
            }
        }

        return $"survey {city} z{z}: {tiles.Length} tiles ({sizes.Count} non-empty) | ours ms p50 {P(ours, 0.5):F3} p95 {P(ours, 0.95):F3} max {ours.Max():F3} " +
            $"| ST_AsMVT ms p50 {P(peer, 0.5):F3} p95 {P(peer, 0.95):F3} max {peer.Max():F3} | p95 ratio {P(peer, 0.95) / P(ours, 0.95):F1}x " +
            $"| size B median {P(sizes, 0.5)} max {sizes.DefaultIfEmpty().Max()} (ST_AsMVT median {P(peerSizes, 0.5)} max {peerSizes.DefaultIfEmpty().Max()})";
    }

    private static double P(List<double> values, double q)
    {
        double[] sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    }

    private static int P(List<int> values, double q)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        int[] sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    }
}
