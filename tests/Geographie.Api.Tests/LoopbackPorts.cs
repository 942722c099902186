using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Geographie.Api.Tests;

/// <summary>Starts a factory on real Kestrel sockets at free loopback ports (REST, gRPC, metrics).</summary>
public static class LoopbackPorts
{
    /// <summary>The three base URLs a Kestrel-hosted test instance listens on.</summary>
    public sealed record Urls(string Rest, string Grpc, string Metrics);

    /// <summary>
    /// Builds the factory for freshly drawn ports and starts it; a port found free can be taken by another test's
    /// socket before Kestrel binds it, so a bind failure draws again (five attempts).
    /// </summary>
    public static async Task<(WebApplicationFactory<Program> Factory, Urls Urls)> StartAsync(Func<Urls, WebApplicationFactory<Program>> build)
    {
        for (var attempt = 1; ; attempt++)
        {
            var urls = new Urls(Draw(), Draw(), Draw());
            var factory = build(urls);
            factory.UseKestrel();
            try
            {
                factory.StartServer();
                return (factory, urls);
            }
            catch (IOException) when (attempt < 5)
            {
                await factory.DisposeAsync();
            }
        }
    }

    private static string Draw()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return $"http://127.0.0.1:{((IPEndPoint)socket.LocalEndpoint).Port}";
    }
}
