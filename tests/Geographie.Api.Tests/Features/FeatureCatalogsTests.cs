using Geographie.Api.Data;
using Geographie.Api.Features;
using Geographie.Domain.Contrat;
using Geographie.Domain.Snapshots;

namespace Geographie.Api.Tests.Features;

/// <summary>Which revisions' catalogs stay readable while snapshots are published and requests still hold older ones.</summary>
public sealed class FeatureCatalogsTests
{
    [Fact]
    public void A_request_still_holding_an_evicted_snapshot_does_not_push_out_the_newer_revisions()
    {
        var state = new GeographyState();
        var catalogs = new FeatureCatalogs(state);
        var snapshots = Enumerable.Range(1, FeatureCatalogs.Retained + 1).Select(Snapshot).ToArray();
        foreach (var snapshot in snapshots)
        {
            state.Publish(snapshot, TimeSpan.Zero, DateTimeOffset.UnixEpoch);
            catalogs.Of(snapshot);
        }

        // A slow request that began on the first revision asks for its catalog after it was evicted.
        Assert.Null(catalogs.AtRevision(1));
        Assert.Equal(1, catalogs.Of(snapshots[0]).Revision);

        foreach (var kept in snapshots.Skip(1))
        {
            Assert.Equal(kept.Revision, catalogs.AtRevision(kept.Revision)?.Revision);
        }
        Assert.Null(catalogs.AtRevision(1));
    }

    private static GeographySnapshot Snapshot(int revision) => new(revision, [], [], ContratDeVille.Empty, DateTimeOffset.UnixEpoch);
}
