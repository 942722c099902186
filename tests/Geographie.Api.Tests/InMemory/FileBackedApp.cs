using Geographie.Api.Data;
using Geographie.Domain.Snapshots;
using Geographie.Import.Shipped;
using Geographie.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Geographie.Api.Tests.InMemory;

/// <summary>
/// The service hosted in memory (TestServer, no port) over the shipped files read by <see cref="ShippedFilesSource"/>:
/// no PostGIS is created, migrated or asked. The PostGIS-free tier (<c>make test-fast</c>); shared by one class.
/// </summary>
public sealed class FileBackedApp : IAsyncLifetime
{
    public WebApplicationFactory<Program> Factory { get; } = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        // An address nothing listens on: a test that reached the database would fail instead of passing on a shared one.
        web.UseSetting("Geographie:Database", "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=1")
            .ConfigureTestServices(services =>
            {
                services.RemoveAll<ISnapshotSource>();
                services.AddSingleton<ISnapshotSource>(new ShippedFilesSource(Geodata.Path("")));
                services.RemoveAll<Geographie.Addresses.IAddressSource>();
                services.AddSingleton<Geographie.Addresses.IAddressSource>(new ShippedAddressesSource(Geodata.Path("")));
            }));

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
