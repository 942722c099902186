using System.Buffers;
using Geographie.Addresses;
using Geographie.Domain.Eligibility;
using Geographie.Domain.Snapshots;

namespace Geographie.Api.Grpc;

/// <summary>
/// The answers of one CheckBatch, as <see cref="BatchResponseWriter"/> encodes them into a <c>CheckBatchResponse</c>:
/// the domain results in request order, what each address was matched to, and the requests they answer (for the ids
/// and the <c>include_contrat</c> and <c>lean</c> flags). Owns the pooled arrays of both, returned by
/// <see cref="Dispose"/> (the writer disposes the answers once it has written them). Not thread-safe.
/// </summary>
public sealed class BatchAnswers : IDisposable
{
    private EligibilityResult[]? _results;
    private AddressAnswer?[]? _located;

    /// <summary>Takes ownership of <paramref name="requests"/> and of the two pooled arrays, to be filled for <c>requests.Count</c> items.</summary>
    internal BatchAnswers(BatchRequests requests, GeographySnapshot snapshot, EligibilityResult[] results, AddressAnswer?[] located)
    {
        Requests = requests;
        Snapshot = snapshot;
        _results = results;
        _located = located;
    }

    /// <summary>The requests answered.</summary>
    public BatchRequests Requests { get; }

    /// <summary>The snapshot the answers come from (its Contrat de ville gives <c>include_contrat</c>'s items).</summary>
    public GeographySnapshot Snapshot { get; }

    /// <summary>The results, one per request.</summary>
    public ReadOnlySpan<EligibilityResult> Results => (_results ?? throw Disposed()).AsSpan(0, Requests.Count);

    /// <summary>What each request's address was matched to (null for a point, or an address that matched nothing).</summary>
    public ReadOnlySpan<AddressAnswer?> Located => (_located ?? throw Disposed()).AsSpan(0, Requests.Count);

    /// <summary>The results' array, for the batch loop to fill.</summary>
    internal EligibilityResult[] ResultsArray => _results ?? throw Disposed();

    /// <summary>The matched addresses' array, for the geocoding step to fill.</summary>
    internal AddressAnswer?[] LocatedArray => _located ?? throw Disposed();

    /// <summary>Returns the arrays to their pools, cleared: a pooled array must not keep a snapshot's quartiers alive.</summary>
    public void Dispose()
    {
        if (_results is not null)
        {
            ArrayPool<EligibilityResult>.Shared.Return(_results, clearArray: true);
            ArrayPool<AddressAnswer?>.Shared.Return(_located!, clearArray: true);
            _results = null;
            _located = null;
            Requests.Dispose();
        }
    }

    private static ObjectDisposedException Disposed() => new(nameof(BatchAnswers));
}
