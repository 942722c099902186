namespace Geographie.Tiles.Tests;

public class TileCacheTests
{
    private static readonly byte[] Bytes = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();

    [Fact]
    public void Builds_once_and_then_serves_from_memory()
    {
        var cache = new TileCache(1_000_000);
        int builds = 0;
        string key = TileCache.CreateKey("r1", new TileAddress(3, 1, 2));
        CachedTile first = cache.GetOrAdd(key, () => { builds++; return Bytes; });
        CachedTile second = cache.GetOrAdd(key, () => { builds++; return Bytes; });
        Assert.Same(first, second);
        Assert.Equal(1, builds);
        Assert.Equal(1, cache.Count);
        Assert.True(cache.SizeBytes > Bytes.Length);
    }

    [Fact]
    public void Evicts_least_recently_used_entries_to_stay_within_budget()
    {
        long one = new TileCache(long.MaxValue) is var probe && probe.GetOrAdd("r|0/0/0", () => Bytes) is not null ? probe.SizeBytes : 0;
        var cache = new TileCache(3 * one);
        cache.GetOrAdd("r|0/0/0", () => Bytes);
        cache.GetOrAdd("r|1/0/0", () => Bytes);
        cache.GetOrAdd("r|1/0/1", () => Bytes);
        cache.GetOrAdd("r|0/0/0", () => throw new InvalidOperationException("should be cached"));
        cache.GetOrAdd("r|1/1/0", () => Bytes); // evicts 1/0/0, the least recently used
        Assert.Equal(3, cache.Count);
        Assert.True(cache.SizeBytes <= cache.ByteBudget);
        int rebuilt = 0;
        cache.GetOrAdd("r|1/0/0", () => { rebuilt++; return Bytes; });
        cache.GetOrAdd("r|1/1/0", () => { rebuilt += 10; return Bytes; });
        Assert.Equal(1, rebuilt);
    }

    [Fact]
    public void Entries_larger_than_the_budget_are_returned_but_not_kept()
    {
        var cache = new TileCache(100);
        CachedTile tile = cache.GetOrAdd("r|0/0/0", () => Bytes);
        Assert.Equal(Bytes, tile.Raw);
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.SizeBytes);
    }

    [Fact]
    public void A_new_revision_never_sees_old_tiles_and_invalidate_frees_the_old_one()
    {
        var cache = new TileCache(1_000_000);
        var tile = new TileAddress(5, 3, 4);
        CachedTile old = cache.GetOrAdd(TileCache.CreateKey("v1", tile), () => Bytes);
        CachedTile fresh = cache.GetOrAdd(TileCache.CreateKey("v2", tile), () => [1, 2, 3]);
        Assert.NotEqual(old.ETag, fresh.ETag);
        cache.GetOrAdd(TileCache.CreateKey("v1", tile, "filter=a"), () => Bytes);
        Assert.Equal(2, cache.Invalidate("v1"));
        Assert.Equal(1, cache.Count);
        cache.Clear();
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.SizeBytes);
        Assert.Throws<ArgumentException>(() => TileCache.CreateKey("a|b", tile));
    }

    [Fact]
    public void Empty_tiles_are_cached()
    {
        var cache = new TileCache(10_000);
        Assert.True(cache.GetOrAdd("r|0/0/0", () => null).IsEmpty);
        Assert.True(cache.GetOrAdd("r|0/0/0", () => throw new InvalidOperationException()).IsEmpty);
    }

    [Fact]
    public async Task Concurrent_misses_build_once()
    {
        var cache = new TileCache(1_000_000);
        int builds = 0;
        // The build holds until the seven other callers have joined its flight (each is counted as a hit when it
        // does, before it waits): no sleep stands in for "the others have arrived". Own threads, not pool ones, so
        // that seven blocked callers cannot starve the pool.
        Task<CachedTile>[] tasks = Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(() => cache.GetOrAdd("r|1/1/1", () =>
        {
            Interlocked.Increment(ref builds);
            Assert.True(SpinWait.SpinUntil(() => cache.Hits == 7, TimeSpan.FromSeconds(30)), "the other callers never joined the flight");
            return Bytes;
        }), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        CachedTile[] results = await Task.WhenAll(tasks);
        Assert.Equal(1, builds);
        Assert.Equal(1, cache.Misses);
        Assert.All(results, r => Assert.Same(results[0], r));
    }

    [Fact]
    public void A_failing_build_is_not_cached()
    {
        var cache = new TileCache(1_000_000);
        Assert.Throws<InvalidOperationException>(() => cache.GetOrAdd("r|0/0/0", () => throw new InvalidOperationException()));
        Assert.Equal(0, cache.Count);
        Assert.False(cache.GetOrAdd("r|0/0/0", () => Bytes).IsEmpty);
    }
}
