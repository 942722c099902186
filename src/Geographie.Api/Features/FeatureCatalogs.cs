using Geographie.Api.Data;
using Geographie.Domain.Snapshots;
using Geographie.Features;

namespace Geographie.Api.Features;

/// <summary>
/// The OGC API catalogs of the current snapshot and of the few before it, by data revision. Next/prev links carry
/// the revision of the page they follow, so a client paging while the data reloads keeps reading the revision it
/// started on (every feature exactly once) instead of skipping or repeating features shifted by the change. Only the
/// last <see cref="Retained"/> revisions are kept: an older one is gone and the client is told to start again.
/// Thread-safe.
/// </summary>
/// <remarks>
/// Each published snapshot's catalog is built and every feature's GeoJSON encoded on a background thread
/// (<see cref="Warming"/>), off the request path and after readiness: the first page after a reload then copies bytes
/// like every later one. A request arriving before the encoding is done encodes what it needs itself (the same bytes).
/// The cost is the encoded text kept for the snapshot's life, about the size of the whole collection as GeoJSON.
/// </remarks>
public sealed class FeatureCatalogs
{
    /// <summary>How many revisions stay readable, the current one included.</summary>
    public const int Retained = 3;

    private readonly GeographyState _state;
    private readonly Lock _gate = new();
    private readonly List<FeatureCatalog> _recent = [];
    private Task _warming = Task.CompletedTask;

    /// <summary>Serves the catalogs of <paramref name="state"/>'s snapshots, preparing each as it is published.</summary>
    public FeatureCatalogs(GeographyState state)
    {
        _state = state;
        state.Published += Prepare;
        if (state.Current is { } current)
        {
            Prepare(current);
        }
    }

    /// <summary>The background preparation of the last published snapshot's catalog; complete when none is under way.</summary>
    public Task Warming => Volatile.Read(ref _warming);

    /// <summary>The catalog of the current snapshot (built on first use after each reload), or null before the first load.</summary>
    public FeatureCatalog? Current() => _state.Current is { } snapshot ? Of(snapshot) : null;

    /// <summary>The catalog of <paramref name="snapshot"/>, built on first use and kept among the recent ones.</summary>
    public FeatureCatalog Of(GeographySnapshot snapshot)
    {
        lock (_gate)
        {
            if (_recent.Find(c => c.Revision == snapshot.Revision) is { } known)
            {
                return known;
            }
            var catalog = new FeatureCatalog(snapshot);
            _recent.Add(catalog);
            if (_recent.Count > Retained)
            {
                // The oldest revision goes, not the first built: a request still holding an evicted snapshot must
                // not push out the newer catalogs that pages in progress read.
                _recent.Remove(_recent.MinBy(c => c.Revision)!);
            }
            return catalog;
        }
    }

    /// <summary>The catalog of <paramref name="revision"/> while it is retained, else null.</summary>
    public FeatureCatalog? AtRevision(long revision)
    {
        if (Current() is { } current && current.Revision == revision)
        {
            return current;
        }
        lock (_gate)
        {
            return _recent.Find(c => c.Revision == revision);
        }
    }

    private void Prepare(GeographySnapshot snapshot)
    {
        // A thread of its own: encoding a large edition takes a while and must not hold a thread-pool thread that
        // requests need. A newer snapshot makes the work stale; it then stops and the newer one is prepared.
        var warming = Task.Factory.StartNew(
            () =>
            {
                if (Current() is { } catalog && catalog.Revision == snapshot.Revision)
                {
                    catalog.EncodeAll(() => _state.Current?.Revision != snapshot.Revision);
                }
            },
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Volatile.Write(ref _warming, warming);
    }
}
