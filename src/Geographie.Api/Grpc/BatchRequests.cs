using System.Buffers;

namespace Geographie.Api.Grpc;

/// <summary>
/// A <c>CheckBatchRequest</c> as <see cref="BatchRequestReader"/> read it: the request's bytes and one
/// <see cref="BatchItem"/> per <c>CheckRequest</c>, both in pooled arrays. Owned by one call at a time: the service
/// hands it to the <see cref="BatchAnswers"/> it returns (the ids are echoed from these bytes), and whoever holds it
/// last disposes it. Not thread-safe.
/// </summary>
public sealed class BatchRequests : IDisposable
{
    private byte[] _bytes;
    private BatchItem[] _items;

    internal BatchRequests(byte[] bytes)
    {
        _bytes = bytes;
        _items = ArrayPool<BatchItem>.Shared.Rent(16);
    }

    /// <summary>The number of <c>CheckRequest</c>s, in request order.</summary>
    public int Count { get; private set; }

    /// <summary>The <c>lean</c> flag of the batch.</summary>
    public bool Lean { get; internal set; }

    /// <summary>Item <paramref name="index"/> (no copy).</summary>
    public ref readonly BatchItem this[int index] => ref _items[index];

    /// <summary>The UTF-8 bytes of item <paramref name="index"/>'s id.</summary>
    public ReadOnlySpan<byte> Id(int index) => _bytes.AsSpan(_items[index].IdStart, _items[index].IdLength);

    /// <summary>A new item at the end, to be filled by the reader.</summary>
    internal ref BatchItem Add()
    {
        if (Count == _items.Length)
        {
            var larger = ArrayPool<BatchItem>.Shared.Rent(Count * 2);
            _items.AsSpan(0, Count).CopyTo(larger);
            ArrayPool<BatchItem>.Shared.Return(_items, clearArray: true);
            _items = larger;
        }
        ref var item = ref _items[Count++];
        item = new BatchItem { Geography = string.Empty, Date = string.Empty };
        return ref item;
    }

    /// <summary>Returns the arrays to their pools (cleared: a pooled array must keep no strings or addresses alive).</summary>
    public void Dispose()
    {
        if (_items.Length > 0)
        {
            ArrayPool<BatchItem>.Shared.Return(_items, clearArray: true);
            ArrayPool<byte>.Shared.Return(_bytes);
            _items = [];
            _bytes = [];
            Count = 0;
        }
    }
}
