using Geographie.Domain.Snapshots;
using Geographie.Import.Shipped;
using Geographie.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Geographie.Api.Tests.InMemory;

/// <summary>The service hosted in memory (TestServer, no port, no PostGIS) over a snapshot source and the shipped addresses.</summary>
internal static class InMemoryService
{
    /// <summary>A factory for the service reading its snapshots from <paramref name="snapshots"/>.</summary>
    public static WebApplicationFactory<Program> Over(ISnapshotSource snapshots) => new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        // An address nothing listens on: a test that reached the database would fail instead of passing on a shared one.
        web.UseSetting("Geographie:Database", "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=1")
            .ConfigureTestServices(services =>
            {
                services.RemoveAll<ISnapshotSource>();
                services.AddSingleton(snapshots);
                services.RemoveAll<Geographie.Addresses.IAddressSource>();
                services.AddSingleton<Geographie.Addresses.IAddressSource>(new ShippedAddressesSource(Geodata.Path("")));
            }));
}
