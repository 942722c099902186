using Geographie.Api.Data;
using Geographie.Import.Shipped;
using Geographie.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Geographie.Api.Tests.InMemory;

/// <summary>
/// The service hosted in memory (TestServer, no port) over the shipped files read by <see cref="ShippedFilesSource"/>:
/// no PostGIS is created, migrated or asked. The PostGIS-free tier (<c>make test-fast</c>); shared by one class.
/// </summary>
public sealed class FileBackedApp : IAsyncLifetime
{
    public WebApplicationFactory<Program> Factory { get; } = InMemoryService.Over(new ShippedFilesSource(Geodata.Path("")));

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        // The refresher reads a file source once at start; reading here too makes the test wait for it.
        await Factory.Services.GetRequiredService<SnapshotRefresher>().RefreshAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
