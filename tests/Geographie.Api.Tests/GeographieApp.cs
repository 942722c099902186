using Geographie.Api.Cli;
using Geographie.Api.Data;
using Geographie.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Geographie.Api.Tests;

/// <summary>
/// The service hosted in memory over its own PostGIS database holding the shipped data (communes, 2024 register,
/// Lyon 2015 perimeters, Contrat de ville). Shared by the tests of one class.
/// </summary>
public sealed class GeographieApp : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public TestDatabase Database => _database;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await _database.MigrateAsync();
        var exit = await ShippedData.LoadAsync(_database.DataSource, Geodata.Path(""), TextWriter.Null, CancellationToken.None);
        Assert.Equal(0, exit);
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            web.UseSetting("Geographie:Database", _database.ConnectionString));
        Client = AcceptEnglish.On(Factory.CreateClient());
        await RefreshAsync();
    }

    /// <summary>Makes the service see the database as it is now (what the notification does in production).</summary>
    public Task RefreshAsync() => Factory.Services.GetRequiredService<SnapshotRefresher>().RefreshAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await _database.DisposeAsync();
    }
}
