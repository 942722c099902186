using Geographie.Api.Data;
using Geographie.Api.Tests.InMemory;
using Geographie.Domain.Snapshots;
using Geographie.Import.Shipped;
using Geographie.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Geographie.Api.Tests.Overlaps;

/// <summary>
/// The service hosted in memory (no port, no PostGIS) over data a test publishes: <see cref="PublishAsync"/> hands the
/// service a new revision and waits until it answers from a snapshot built from it, as a reload after an import does.
/// Starts on the shipped files (<see cref="Shipped"/>). Shared by the tests of one class.
/// </summary>
public sealed class ReplaceableDataApp : IAsyncLifetime
{
    private readonly Source _source;

    public ReplaceableDataApp()
    {
        Shipped = new ShippedFilesSource(Geodata.Path("")).Read();
        _source = new Source(Shipped);
        Factory = InMemoryService.Over(_source);
    }

    /// <summary>What the shipped files hold (revision 1).</summary>
    public SnapshotData Shipped { get; }

    public WebApplicationFactory<Program> Factory { get; }

    /// <summary>A client that names no language: each request says its own.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The snapshot the service answers from now.</summary>
    public GeographySnapshot Snapshot => Factory.Services.GetRequiredService<GeographyState>().Current!;

    public async Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        await RefreshAsync();
    }

    /// <summary>Serves <paramref name="data"/> under a new revision; returns the snapshot built from it.</summary>
    public async Task<GeographySnapshot> PublishAsync(SnapshotData data)
    {
        _source.Publish(data);
        await RefreshAsync();
        return Snapshot;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }

    private Task RefreshAsync() => Factory.Services.GetRequiredService<SnapshotRefresher>().RefreshAsync(CancellationToken.None);

    /// <summary>The data published last, each publication a revision of its own.</summary>
    private sealed class Source(SnapshotData first) : ISnapshotSource
    {
        private SnapshotData _data = first;

        public void Publish(SnapshotData data) => Volatile.Write(ref _data, data with { Revision = Volatile.Read(ref _data).Revision + 1 });

        public Task<long> ReadRevisionAsync(CancellationToken cancellationToken = default) => Task.FromResult(Volatile.Read(ref _data).Revision);

        public Task<SnapshotData> ReadAsync(CancellationToken cancellationToken = default) => Task.FromResult(Volatile.Read(ref _data));
    }
}
