using System.Runtime.ExceptionServices;
using Geographie.Domain.Geography;
using Geographie.Domain.Overlaps;
using Geographie.Domain.Snapshots;
using Geographie.Domain.Texts;

namespace Geographie.Api.Http.Overlaps;

/// <summary>
/// Up to <see cref="ZoneChunk.Capacity"/> zones of a <paramref name="source"/>, each made a zone (read and validated
/// from a POST's body, or a commune's prepared outline) and measured as soon as the request thread has read it, by
/// helpers on the thread pool: reading (one thread, in order) overlaps measuring the zones already read, instead of
/// alternating with it. The request thread adds zones, then measures what no helper has taken yet and waits for the
/// rest; a chunk is reused once its answers are written.
/// </summary>
/// <remarks>
/// A helper is a pool work item that takes zones one after the other until none is left, at most
/// <see cref="ZoneChunk.Helpers"/> per chunk at a time (two chunks are in flight while the request thread reads the
/// next: briefly one thread more than the cores): not a work item per zone. With one per zone (sessions 21–24) the request
/// thread, when it waited for a chunk, measured zones on the pool too and queued its own continuation behind them,
/// and the reading stalled; when no other pool thread woke in time (an idle vCPU of this VM takes about a millisecond to wake),
/// the whole request ran read, measure, read, measure on one thread (benchmarks/RESULTS.md, Overlaps, session 25).
/// The counters only grow, across reuses too, so a helper late from an earlier use cannot take a zone not yet added.
/// </remarks>
/// <typeparam name="TItem">What the request thread reads of a zone (see <see cref="IZoneSource{TItem}"/>).</typeparam>
internal sealed class ZoneChunk<TItem>(IZoneSource<TItem> source, GeographySnapshot snapshot, GeographyVersion version, Language language, bool withGeometry, CancellationToken cancel)
    where TItem : struct
{
    private readonly TItem[] _items = new TItem[ZoneChunk.Capacity];
    private readonly ZoneOverlap?[] _answers = new ZoneOverlap?[ZoneChunk.Capacity];
    private readonly string?[] _problems = new string?[ZoneChunk.Capacity];
    private readonly Action<ZoneChunk<TItem>> _help = static chunk => chunk.Help();

    // Zones added and zones taken, counted over every use of the chunk; this use's zones start at _first.
    private int _added;
    private int _taken;
    private int _first;
    private int _helpers;
    private int _pending;
    private bool _measure;
    private TaskCompletionSource _done = Settled();
    private bool _adding;
    private ExceptionDispatchInfo? _error;

    /// <summary>Zones added since <see cref="Start"/>.</summary>
    public int Count => _added - _first;

    /// <summary>Empties the chunk; its zones will be measured when <paramref name="measure"/>, else only validated (a fault is already known).</summary>
    public void Start(bool measure)
    {
        Array.Clear(_items);
        Array.Clear(_answers);
        Array.Clear(_problems);
        _first = _added;
        _measure = measure;
        _error = null;
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The request thread's own count: the chunk completes once it is done adding and every zone is measured.
        _pending = 1;
        _adding = true;
    }

    /// <summary>Adds a zone, for a helper to measure (one is started if fewer than <see cref="ZoneChunk.Helpers"/> run).</summary>
    public void Add(TItem item)
    {
        _items[Count] = item;
        Interlocked.Increment(ref _pending);

        // Published (the count grows with it) before the helpers are counted, and a helper counts itself out before it
        // looks for zones again (both full fences): either a helper still running sees this zone, or this sees room for
        // a new helper.
        Interlocked.Increment(ref _added);
        if (TryEnlist())
        {
            ThreadPool.UnsafeQueueUserWorkItem(_help, this, preferLocal: false);
        }
    }

    /// <summary>
    /// Measures on the calling thread the zones no helper has taken, waits for the others; rethrows what a measure
    /// threw; honours cancellation.
    /// </summary>
    public async Task CompleteAsync()
    {
        StopAdding();
        TakeUntaken(measure: true);
        await _done.Task;
        _error?.Throw();
        cancel.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Drops the zones no helper has taken and waits for the helpers' measures, whatever they throw: a chunk left
    /// behind when the request ends on an error must not go on measuring after the answer. At once for a chunk already
    /// completed or never started.
    /// </summary>
    public Task SettleAsync()
    {
        StopAdding();
        TakeUntaken(measure: false);
        return _done.Task;
    }

    /// <summary>The answer of zone <paramref name="i"/> (null when refused or not measured).</summary>
    public ZoneOverlap? Answer(int i) => _answers[i];

    /// <summary>Why zone <paramref name="i"/> was refused, or null.</summary>
    public string? Problem(int i) => _problems[i];

    private void Help()
    {
        do
        {
            TakeUntaken(measure: true);
            Interlocked.Decrement(ref _helpers);
        }
        while (Volatile.Read(ref _taken) < Volatile.Read(ref _added) && TryEnlist());
    }

    /// <summary>Counts one more helper unless <see cref="ZoneChunk.Helpers"/> run already; never counts past it, even for a moment.</summary>
    private bool TryEnlist()
    {
        int running = Volatile.Read(ref _helpers);
        while (running < ZoneChunk.Helpers)
        {
            int seen = Interlocked.CompareExchange(ref _helpers, running + 1, running);
            if (seen == running)
            {
                return true;
            }

            running = seen;
        }

        return false;
    }

    /// <summary>Takes the zones not yet taken, one at a time, measuring each (or only counting it done).</summary>
    private void TakeUntaken(bool measure)
    {
        while (true)
        {
            int taken = Volatile.Read(ref _taken);
            if (taken >= Volatile.Read(ref _added))
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _taken, taken + 1, taken) != taken)
            {
                continue;
            }

            if (measure)
            {
                Measure(taken - _first);
            }
            else
            {
                Release();
            }
        }
    }

    private void Measure(int i)
    {
        try
        {
            if (!cancel.IsCancellationRequested)
            {
                var zone = source.ZoneOf(_items[i], out _problems[i]);
                _answers[i] = zone is not null && _measure ? OverlapCalculator.Measure(snapshot, version, zone, language, withGeometry) : null;
            }
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _error, ExceptionDispatchInfo.Capture(e), null);
        }
        finally
        {
            Release();
        }
    }

    private static TaskCompletionSource Settled()
    {
        var settled = new TaskCompletionSource();
        settled.SetResult();
        return settled;
    }

    private void StopAdding()
    {
        if (_adding)
        {
            _adding = false;
            Release();
        }
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            _done.SetResult();
        }
    }
}

/// <summary>What every <see cref="ZoneChunk{TItem}"/> shares.</summary>
internal static class ZoneChunk
{
    /// <summary>Zones per chunk: the answers written (and flushed), and the faults looked at, a chunk at a time.</summary>
    public const int Capacity = 64;

    /// <summary>
    /// Helpers measuring a chunk at a time: one core fewer than the machine has, the request thread reading on the
    /// last (it measures too once it finishes the chunk).
    /// </summary>
    public static readonly int Helpers = Math.Max(1, Environment.ProcessorCount - 1);
}
