using Geographie.Api.Http.Overlaps;
using Geographie.Domain.Overlaps;
using Geographie.Domain.Texts;

namespace Geographie.Api.Tests.Overlaps;

/// <summary>
/// A chunk's zones are taken by its helpers on the thread pool and by the request thread when it finishes the chunk:
/// each zone must be made exactly once, into its own slot, whoever takes it, also when the chunk is reused while a
/// helper of its previous use is still looking for work, and by the helpers alone (a chunk left to them, then settled). The zones here are only made, not measured (a chunk started
/// with <c>measure: false</c>, as after a fault), so the source's answers are the whole outcome.
/// </summary>
public sealed class ZoneChunkTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Every_zone_is_made_once_into_its_own_slot_over_reuses_of_the_chunk()
    {
        const int rounds = 4000;
        var source = new CountingSource(rounds * ZoneChunk.Capacity);
        var chunk = new ZoneChunk<int>(source, null!, null!, Language.French, withGeometry: false, CancellationToken.None);
        for (var round = 0; round < rounds; round++)
        {
            chunk.Start(measure: false);

            // Every size from none to a full chunk; the request thread pauses between zones for varying short times,
            // so that a zone is often added just as a helper runs dry and ends.
            var size = round % (ZoneChunk.Capacity + 1);
            for (var i = 0; i < size; i++)
            {
                chunk.Add(round * ZoneChunk.Capacity + i);
                Thread.SpinWait((round * 7 + i) % 13 * 8);
            }

            if (round % 2 == 1)
            {
                // Left to the helpers alone: a zone none of them saw, or no helper started any more because one was
                // counted but never ran, would never be made.
                var first = round * ZoneChunk.Capacity;
                Assert.True(SpinWait.SpinUntil(() => Enumerable.Range(first, size).All(item => source.Calls(item) == 1), Patience), $"round {round}: zones left unmade");
                await chunk.SettleAsync().WaitAsync(Patience);
            }
            else
            {
                await chunk.CompleteAsync().WaitAsync(Patience);
            }

            Assert.Equal(size, chunk.Count);
            for (var i = 0; i < size; i++)
            {
                Assert.Equal(CountingSource.ProblemOf(round * ZoneChunk.Capacity + i), chunk.Problem(i));
                Assert.Null(chunk.Answer(i));
            }
        }

        Assert.All(Enumerable.Range(0, rounds * ZoneChunk.Capacity), item => Assert.Equal(IsAdded(item) ? 1 : 0, source.Calls(item)));

        static bool IsAdded(int item) => item % ZoneChunk.Capacity < item / ZoneChunk.Capacity % (ZoneChunk.Capacity + 1);
    }

    [Fact]
    public async Task What_a_zone_throws_is_rethrown_once_the_chunk_is_done_and_settling_swallows_it()
    {
        var source = new CountingSource(ZoneChunk.Capacity, throwsAt: 40);
        var chunk = FullChunk(source);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => chunk.CompleteAsync().WaitAsync(Patience));
        Assert.Equal("zone 40 cannot be made", thrown.Message);

        // The other zones were made all the same, once each.
        Assert.All(Enumerable.Range(0, ZoneChunk.Capacity), i => Assert.Equal(1, source.Calls(i)));
    }

    [Fact]
    public async Task Settling_a_chunk_ended_early_drops_what_no_helper_took_and_swallows_what_one_threw()
    {
        var source = new CountingSource(ZoneChunk.Capacity, throwsAt: 0);
        var chunk = FullChunk(source);

        // As when a request ends on an error: the chunk is settled without being completed, once a helper has thrown.
        Assert.True(SpinWait.SpinUntil(() => source.Calls(0) == 1, Patience));
        await chunk.SettleAsync().WaitAsync(Patience);
        Assert.All(Enumerable.Range(0, ZoneChunk.Capacity), i => Assert.InRange(source.Calls(i), 0, 1));
    }

    /// <summary>A chunk started to make zones without measuring them, <paramref name="source"/>'s first items added.</summary>
    private static ZoneChunk<int> FullChunk(CountingSource source)
    {
        var chunk = new ZoneChunk<int>(source, null!, null!, Language.French, withGeometry: false, CancellationToken.None);
        chunk.Start(measure: false);
        for (var i = 0; i < ZoneChunk.Capacity; i++)
        {
            chunk.Add(i);
        }

        return chunk;
    }

    /// <summary>Refuses every zone with a problem naming it, counting the calls per item; optionally throws for one.</summary>
    private sealed class CountingSource(int items, int throwsAt = -1) : IZoneSource<int>
    {
        private readonly int[] _calls = new int[items];

        public static string ProblemOf(int item) => $"zone {item}";

        public int Calls(int item) => Volatile.Read(ref _calls[item]);

        public ValueTask<int?> NextAsync(CancellationToken cancel) => throw new NotSupportedException("the test adds the zones itself");

        public ValueTask<bool> StoppedShortAsync(CancellationToken cancel) => ValueTask.FromResult(false);

        public Zone? ZoneOf(int item, out string? problem)
        {
            Interlocked.Increment(ref _calls[item]);
            Thread.SpinWait(item % 5 * 40);
            if (item == throwsAt)
            {
                throw new InvalidOperationException($"zone {item} cannot be made");
            }

            problem = ProblemOf(item);
            return null;
        }
    }
}
