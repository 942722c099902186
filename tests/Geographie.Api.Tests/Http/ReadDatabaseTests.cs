using System.Net.Http.Json;
using System.Text.Json;
using Geographie.Api.Data;
using Geographie.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Geographie.Api.Tests.Http;

/// <summary>Snapshots read from the configured read database (a streaming replica in production), not the primary.</summary>
public sealed class ReadDatabaseTests : IClassFixture<GeographieApp>, IAsyncLifetime
{
    private readonly GeographieApp _app;
    private readonly TestDatabase _emptyPrimary = new();

    public ReadDatabaseTests(GeographieApp app) => _app = app;

    public async Task InitializeAsync()
    {
        await _emptyPrimary.InitializeAsync();
        await _emptyPrimary.MigrateAsync();
    }

    public Task DisposeAsync() => _emptyPrimary.DisposeAsync();

    [Fact]
    public async Task The_snapshot_comes_from_the_read_database_while_the_primary_holds_nothing()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("Geographie:Database", _emptyPrimary.ConnectionString)
            .UseSetting("Geographie:ReadDatabase", _app.Database.ConnectionString));
        using var client = factory.CreateClient();
        Assert.True(await factory.Services.GetRequiredService<SnapshotRefresher>().PollAsync(CancellationToken.None));

        var answer = await client.GetFromJsonAsync<JsonElement>("/v1/eligibility?lon=4.9718&lat=45.77&geography=qpv2015");

        Assert.Equal("INSIDE", answer.GetProperty("status").GetString());
        Assert.Equal(0L, await _emptyPrimary.ScalarAsync<long>("SELECT count(*) FROM quartier"));
    }
}
