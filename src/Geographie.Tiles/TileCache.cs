namespace Geographie.Tiles;

/// <summary>
/// Thread-safe in-memory tile cache with a byte budget and least-recently-used eviction.
/// </summary>
/// <remarks>
/// <para>Keys are opaque strings, but everything before the first <c>'|'</c> is the entry's <em>revision</em>
/// (build keys with <see cref="CreateKey"/>: <c>revision|z/x/y|variant</c>). Put the data revision (geography version,
/// filter hash, ...) in every key so that a new revision can never be served an old tile; <see cref="Invalidate"/> then
/// frees the old revision's memory eagerly.</para>
/// <para>Concurrent <see cref="GetOrAdd"/> calls for the same missing key build once (single flight); the others wait
/// for that result. A build that throws is not cached, and the exception reaches every waiter of that flight.
/// Entries larger than the whole budget are returned but not kept. Empty tiles are cached too (they are cheap and
/// are the most frequent answer outside the data's bounds).</para>
/// </remarks>
public sealed class TileCache
{
    private readonly object _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _lru = new();
    private readonly Dictionary<string, Lazy<CachedTile>> _inFlight = new(StringComparer.Ordinal);
    private long _size;
    private long _hits;
    private long _misses;

    /// <summary>Creates an empty cache that holds at most <paramref name="byteBudget"/> bytes (see <see cref="CachedTile.SizeBytes"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">When the budget is negative.</exception>
    public TileCache(long byteBudget)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteBudget);
        ByteBudget = byteBudget;
    }

    /// <summary>Budget in bytes.</summary>
    public long ByteBudget { get; }

    /// <summary>Bytes currently held (sum of <see cref="CachedTile.SizeBytes"/> plus key sizes); never above <see cref="ByteBudget"/>.</summary>
    public long SizeBytes
    {
        get
        {
            lock (_gate)
            {
                return _size;
            }
        }
    }

    /// <summary>Lookups answered from the cache (a wait on another caller's build counts as a hit), since creation.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Lookups that built their tile, since creation.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Number of entries.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Builds a key <c>revision|z/x/y</c> or <c>revision|z/x/y|variant</c>.</summary>
    /// <param name="revision">Data revision; must not contain <c>'|'</c>.</param>
    /// <param name="tile">Tile address.</param>
    /// <param name="variant">Optional extra discriminator (filter, style), may contain anything.</param>
    /// <exception cref="ArgumentException">When <paramref name="revision"/> contains <c>'|'</c>.</exception>
    public static string CreateKey(string revision, TileAddress tile, string? variant = null)
    {
        ArgumentNullException.ThrowIfNull(revision);
        if (revision.Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException("The revision must not contain '|'.", nameof(revision));
        }

        return variant is null ? $"{revision}|{tile}" : $"{revision}|{tile}|{variant}";
    }

    /// <summary>
    /// Returns the cached tile for <paramref name="key"/>, or calls <paramref name="build"/> once, wraps the result with
    /// <see cref="CachedTile.Create"/>, stores it (evicting least-recently-used entries to stay within budget) and returns it.
    /// </summary>
    public CachedTile GetOrAdd(string key, Func<byte[]?> build)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(build);
        Lazy<CachedTile> flight;
        bool owner = false;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out LinkedListNode<Entry>? node))
            {
                _lru.Remove(node);
                _lru.AddFirst(node);
                _hits++;
                return node.Value.Tile;
            }

            if (!_inFlight.TryGetValue(key, out flight!))
            {
                flight = new Lazy<CachedTile>(() => CachedTile.Create(build()), LazyThreadSafetyMode.ExecutionAndPublication);
                _inFlight[key] = flight;
                owner = true;
            }

            // Counted under the gate: both counters only move here, so plain increments are enough.
            if (owner)
            {
                _misses++;
            }
            else
            {
                _hits++;
            }
        }

        if (!owner)
        {
            return flight.Value;
        }

        CachedTile tile;
        try
        {
            tile = flight.Value;
        }
        catch
        {
            lock (_gate)
            {
                _inFlight.Remove(key);
            }

            throw;
        }

        // Publishing and leaving the flight happen under one lock, so no caller can miss both and build again.
        long size = tile.SizeBytes + (2L * key.Length) + 64;
        int bar = key.IndexOf('|', StringComparison.Ordinal);
        lock (_gate)
        {
            _inFlight.Remove(key);
            if (size <= ByteBudget && !_entries.ContainsKey(key))
            {
                while (_size + size > ByteBudget && _lru.Last is not null)
                {
                    RemoveNode(_lru.Last);
                }

                _entries[key] = _lru.AddFirst(new Entry(key, bar < 0 ? key : key[..bar], tile, size));
                _size += size;
            }
        }

        return tile;
    }

    /// <summary>Removes every entry whose key's revision (text before the first <c>'|'</c>) equals <paramref name="revision"/>.</summary>
    /// <returns>Number of entries removed.</returns>
    public int Invalidate(string revision)
    {
        ArgumentNullException.ThrowIfNull(revision);
        lock (_gate)
        {
            int removed = 0;
            for (LinkedListNode<Entry>? node = _lru.First; node is not null;)
            {
                LinkedListNode<Entry>? next = node.Next;
                if (string.Equals(node.Value.Revision, revision, StringComparison.Ordinal))
                {
                    RemoveNode(node);
                    removed++;
                }

                node = next;
            }

            return removed;
        }
    }

    /// <summary>Removes everything.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _lru.Clear();
            _size = 0;
        }
    }

    private void RemoveNode(LinkedListNode<Entry> node)
    {
        _lru.Remove(node);
        _entries.Remove(node.Value.Key);
        _size -= node.Value.Size;
    }

    private sealed record Entry(string Key, string Revision, CachedTile Tile, long Size);
}
