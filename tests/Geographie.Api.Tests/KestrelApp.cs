using System.Net;
using System.Net.Sockets;
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
        // A port found free can be taken by another test's socket before Kestrel binds it: draw again then.
        for (var attempt = 1; ; attempt++)
        {
            (RestUrl, GrpcUrl, MetricsUrl) = ($"http://127.0.0.1:{FreePort()}", $"http://127.0.0.1:{FreePort()}", $"http://127.0.0.1:{FreePort()}");
            _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            {
                web.UseSetting("Geographie:Database", _database.ConnectionString)
                    .UseSetting("Geographie:RestUrl", RestUrl)
                    .UseSetting("Geographie:GrpcUrl", GrpcUrl)
                    .UseSetting("Geographie:MetricsUrl", MetricsUrl);
                foreach (var (key, value) in Settings)
                {
                    web.UseSetting(key, value);
                }
            });
            _factory.UseKestrel();
            try
            {
                _factory.StartServer();
                break;
            }
            catch (IOException) when (attempt < 5)
            {
                await _factory.DisposeAsync();
            }
        }
        Assert.True(await _factory.Services.GetRequiredService<SnapshotRefresher>().PollAsync(CancellationToken.None));
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
