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
public sealed class FeatureCatalogs(GeographyState state)
{
    /// <summary>How many revisions stay readable, the current one included.</summary>
    public const int Retained = 3;

    private readonly Lock _gate = new();
    private readonly List<FeatureCatalog> _recent = [];

    /// <summary>The catalog of the current snapshot (built on first use after each reload), or null before the first load.</summary>
    public FeatureCatalog? Current() => state.Current is { } snapshot ? Of(snapshot) : null;

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
                _recent.RemoveAt(0);
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
}
