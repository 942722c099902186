using System.Net;
using System.Net.Sockets;

namespace Geographie.Storage.Tests.Official;

/// <summary>An HTTP server on 127.0.0.1 serving one archive and a data.gouv.fr-like catalogue pointing at it.</summary>
internal sealed class LocalArchiveServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _archive;
    private readonly Task _loop;

    public LocalArchiveServer(byte[] archive, string archiveName)
    {
        _archive = archive;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        ArchiveUrl = new Uri($"http://127.0.0.1:{Port}/files/{archiveName}");
        CatalogueUrl = new Uri($"http://127.0.0.1:{Port}/api/1/datasets/qpv/");
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public Uri ArchiveUrl { get; }
    public Uri CatalogueUrl { get; }

    /// <summary>A port nothing listens on (taken then released).</summary>
    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            var body = context.Request.Url!.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal)
                ? System.Text.Encoding.UTF8.GetBytes($$"""
                    {"title":"Quartiers prioritaires","resources":[
                      {"title":"Documentation","url":"http://127.0.0.1:{{Port}}/files/notice.pdf","format":"pdf"},
                      {"title":"QP2015 Lyon (test)","url":"{{ArchiveUrl}}","format":"zip"}]}
                    """)
                : context.Request.Url.AbsolutePath == ArchiveUrl.AbsolutePath ? _archive : null;
            context.Response.StatusCode = body is null ? 404 : 200;
            if (body is not null)
            {
                await context.Response.OutputStream.WriteAsync(body);
            }
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
