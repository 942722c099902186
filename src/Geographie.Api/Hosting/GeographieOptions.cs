namespace Geographie.Api.Hosting;

/// <summary>Settings of the service (section <c>Geographie</c> of the configuration; environment <c>Geographie__X</c>).</summary>
public sealed class GeographieOptions
{
    /// <summary>Npgsql connection string; when unset, GEOGRAPHIE_DB, else the local cluster.</summary>
    public string? Database { get; set; }

    /// <summary>REST, tiles and map page endpoint (HTTP/1.1).</summary>
    public string RestUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>gRPC endpoint (HTTP/2 only, cleartext h2c).</summary>
    public string GrpcUrl { get; set; } = "http://127.0.0.1:8081";

    /// <summary>How often the data revision is polled, besides notifications.</summary>
    public TimeSpan RevisionPollInterval { get; set; } = TimeSpan.FromSeconds(15);
}
