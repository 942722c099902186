using System.Net;
using System.Net.Sockets;
using Geographie.Api.Cli;
using Geographie.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Geographie.Api.Tests;

/// <summary>
/// The service on Kestrel at a free loopback port, over its own database with the shipped data: for clients that
/// need a real socket (Chromium, GDAL), which the in-memory test server cannot give. Shared by the tests of one class.
/// </summary>
public sealed class LoopbackApp : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private WebApplicationFactory<Program> _factory = null!;

    /// <summary>The REST base URL, <c>http://127.0.0.1:PORT</c>.</summary>
    public string BaseUrl { get; private set; } = null!;

    /// <summary>The service's database.</summary>
    public TestDatabase Database => _database;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await _database.MigrateAsync();
        Assert.Equal(0, await ShippedData.LoadAsync(_database.DataSource, Geodata.Path(""), TextWriter.Null, CancellationToken.None));
        BaseUrl = $"http://127.0.0.1:{FreePort()}";
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("Geographie:Database", _database.ConnectionString)
            .UseSetting("Geographie:RestUrl", BaseUrl)
            .UseSetting("Geographie:GrpcUrl", $"http://127.0.0.1:{FreePort()}"));
        _factory.UseKestrel();
        _factory.StartServer();
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 100 && !(await http.GetAsync(BaseUrl + "/readyz")).IsSuccessStatusCode; attempt++)
        {
            await Task.Delay(100);
        }
    }

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
