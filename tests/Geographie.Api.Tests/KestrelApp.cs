using Geographie.Api.Cli;
using Geographie.Api.Data;
using Geographie.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Geographie.Api.Tests;

/// <summary>
/// The service on real Kestrel sockets (free loopback ports for REST, gRPC and metrics) over its own database holding
/// the shipped data: for clients that cannot go through the in-memory test server (a browser, a scraper, GDAL).
/// </summary>
public sealed class KestrelApp : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private WebApplicationFactory<Program> _factory = null!;

    /// <summary>Further configuration settings (key, value), e.g. <c>("Geographie:Map:BasemapStyleUrl", …)</c>.</summary>
    public IReadOnlyList<(string Key, string Value)> Settings { get; init; } = [];

    /// <summary>The REST base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string RestUrl { get; private set; } = null!;

    /// <summary>The gRPC (h2c) base URL.</summary>
    public string GrpcUrl { get; private set; } = null!;

    /// <summary>The metrics base URL.</summary>
    public string MetricsUrl { get; private set; } = null!;

    /// <summary>The database of this instance.</summary>
    public TestDatabase Database => _database;

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _factory.Services;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await _database.MigrateAsync();
        Assert.Equal(0, await ShippedData.LoadAsync(_database.DataSource, Geodata.Path(""), TextWriter.Null, CancellationToken.None));
        LoopbackPorts.Urls urls;
        (_factory, urls) = await LoopbackPorts.StartAsync(ports => new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Geographie:Database", _database.ConnectionString)
                .UseSetting("Geographie:RestUrl", ports.Rest)
                .UseSetting("Geographie:GrpcUrl", ports.Grpc)
                .UseSetting("Geographie:MetricsUrl", ports.Metrics);
            foreach (var (key, value) in Settings)
            {
                web.UseSetting(key, value);
            }
        }));
        (RestUrl, GrpcUrl, MetricsUrl) = (urls.Rest, urls.Grpc, urls.Metrics);
        Assert.True(await _factory.Services.GetRequiredService<SnapshotRefresher>().PollAsync(CancellationToken.None));
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }
}
