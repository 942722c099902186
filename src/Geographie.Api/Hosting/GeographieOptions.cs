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

    /// <summary>Most points in one batch (gRPC CheckBatch, REST JSON batch).</summary>
    public int MaxBatch { get; set; } = 100_000;

    /// <summary>Largest gRPC message accepted, in bytes (a 100,000-point batch is about 4 MB).</summary>
    public int MaxGrpcMessageBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Largest REST batch body (JSON or CSV), in bytes; beyond it the request gets 413.</summary>
    public long MaxBatchBodyBytes { get; set; } = 1L << 30;

    /// <summary>Most zones in one overlap request (<c>POST /v1/overlaps</c>); beyond it the request gets 413.</summary>
    public int MaxOverlapZones { get; set; } = 10_000;

    /// <summary>Largest overlap request body, in bytes; beyond it the request gets 413.</summary>
    public long MaxOverlapBodyBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Largest accepted near_distance_m and position_uncertainty_m, in metres.</summary>
    public double MaxBandM { get; set; } = 10_000;

    /// <summary>How far the nearest QPV is searched to report distance_m when no band asks for more, in metres.</summary>
    public double NearestSearchM { get; set; } = 5_000;

    /// <summary>Byte budget of the in-memory tile cache.</summary>
    public long TileCacheBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How often the data revision is polled, besides notifications.</summary>
    public TimeSpan RevisionPollInterval { get; set; } = TimeSpan.FromSeconds(15);
}
