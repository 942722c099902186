using System.Runtime.ExceptionServices;
using Geographie.Domain.Geography;
using Geographie.Domain.Overlaps;
using Geographie.Domain.Snapshots;
using Geographie.Domain.Texts;

namespace Geographie.Api.Http.Overlaps;

/// <summary>
/// Up to <see cref="ZoneChunk.Capacity"/> zones of a <paramref name="source"/>, each made a zone (read and validated
/// from a POST's body, or a commune's prepared outline) and measured on the thread pool as soon as the request thread
/// has read it: reading (one thread, in order) overlaps measuring the zones already read (every core), instead of
/// alternating with it. The request thread adds zones, then waits for the chunk; a chunk is reused once its answers
/// are written.
/// </summary>
/// <typeparam name="TItem">What the request thread reads of a zone (see <see cref="IZoneSource{TItem}"/>).</typeparam>
internal sealed class ZoneChunk<TItem>(IZoneSource<TItem> source, GeographySnapshot snapshot, GeographyVersion version, Language language, bool withGeometry, CancellationToken cancel)
    where TItem : struct
{
    private readonly TItem[] _items = new TItem[ZoneChunk.Capacity];
    private readonly ZoneOverlap?[] _answers = new ZoneOverlap?[ZoneChunk.Capacity];
    private readonly string?[] _problems = new string?[ZoneChunk.Capacity];
    private int _pending;
    private bool _measure;
    private TaskCompletionSource _done = Settled();
    private bool _adding;
    private ExceptionDispatchInfo? _error;

    /// <summary>Zones added since <see cref="Start"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Empties the chunk; its zones will be measured when <paramref name="measure"/>, else only validated (a fault is already known).</summary>
    public void Start(bool measure)
    {
        Array.Clear(_items);
        Array.Clear(_answers);
        Array.Clear(_problems);
        Count = 0;
        _measure = measure;
        _error = null;
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The request thread's own count: the chunk completes once it is done adding and every zone is measured.
        _pending = 1;
        _adding = true;
    }

    /// <summary>Adds a zone and queues its validation and measure.</summary>
    public void Add(TItem item)
    {
        int i = Count++;
        _items[i] = item;
        Interlocked.Increment(ref _pending);
        ThreadPool.UnsafeQueueUserWorkItem(static work => work.Chunk.Measure(work.Index), (Chunk: this, Index: i), preferLocal: false);
    }

    /// <summary>Waits until every zone added is measured; rethrows what a measure threw; honours cancellation.</summary>
    public async Task CompleteAsync()
    {
        StopAdding();
        await _done.Task;
        _error?.Throw();
        cancel.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Waits until every zone added is measured, whatever a measure threw: a chunk left behind when the request ends on
    /// an error must not go on measuring after the answer. At once for a chunk already completed or never started.
    /// </summary>
    public Task SettleAsync()
    {
        StopAdding();
        return _done.Task;
    }

    /// <summary>The answer of zone <paramref name="i"/> (null when refused or not measured).</summary>
    public ZoneOverlap? Answer(int i) => _answers[i];

    /// <summary>Why zone <paramref name="i"/> was refused, or null.</summary>
    public string? Problem(int i) => _problems[i];

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
}
