using System.Collections.Concurrent;
using NetTopologySuite.Geometries;

namespace Geographie.Spatial.Tests;

/// <summary>Fixed-seed uniform points and a two-way parallel comparison loop (the machines have 2 cores).</summary>
internal static class Parallel2
{
    public static (double[] X, double[] Y) UniformPoints(Envelope env, int count, int seed)
    {
        var rng = new Random(seed);
        var xs = new double[count];
        var ys = new double[count];
        for (int i = 0; i < count; i++)
        {
            xs[i] = env.MinX + rng.NextDouble() * env.Width;
            ys[i] = env.MinY + rng.NextDouble() * env.Height;
        }

        return (xs, ys);
    }

    /// <summary>
    /// Runs <paramref name="check"/> over [0, count) split in two halves on two threads; each half gets its own state
    /// from <paramref name="createState"/> (NTS locators are not shared across threads). The check returns an error
    /// message or null; the first few errors fail the test.
    /// </summary>
    public static void Check<TState>(int count, Func<TState> createState, Func<TState, int, string?> check)
    {
        var errors = new ConcurrentQueue<string>();
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, half =>
        {
            TState state = createState();
            int from = half * (count / 2), to = half == 0 ? count / 2 : count;
            for (int i = from; i < to && errors.Count < 10; i++)
            {
                if (check(state, i) is { } error)
                {
                    errors.Enqueue(error);
                }
            }
        });
        Assert.True(errors.IsEmpty, string.Join('\n', errors));
    }

    public static string Ids(ReadOnlySpan<int> ids) => "[" + string.Join(',', ids.ToArray()) + "]";
}
