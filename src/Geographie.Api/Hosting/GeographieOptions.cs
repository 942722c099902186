namespace Geographie.Api.Hosting;

/// <summary>Settings of the service (section <c>Geographie</c> of the configuration; environment <c>Geographie__X</c>).</summary>
public sealed class GeographieOptions
{
    /// <summary>Npgsql connection string; when unset, GEOGRAPHIE_DB, else the local cluster.</summary>
    public string? Database { get; set; }

    /// <summary>
    /// Npgsql connection string of a read replica to read snapshots and the revision from; unset: the primary. Migrations
    /// and change notifications stay on the primary (LISTEN does not work on a standby): a replica that lags is
    /// caught up by the next poll.
    /// </summary>
    public string? ReadDatabase { get; set; }

    /// <summary>REST, tiles and map page endpoint (HTTP/1.1).</summary>
    public string RestUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>gRPC endpoint (HTTP/2 only, cleartext h2c).</summary>
    public string GrpcUrl { get; set; } = "http://127.0.0.1:8081";

    /// <summary>Most points in one batch (gRPC CheckBatch, REST JSON batch).</summary>
    public int MaxBatch { get; set; } = 100_000;

    /// <summary>Largest gRPC message accepted, in bytes (a 100,000-point batch is about 4 MB).</summary>
    public int MaxGrpcMessageBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Largest REST CSV batch body, in bytes; beyond it the request gets 413 (or a final ERROR row once answering).</summary>
    public long MaxBatchBodyBytes { get; set; } = 1L << 30;

    /// <summary>
    /// Bytes allowed per point of a JSON batch: the JSON body limit is <see cref="MaxBatch"/> times this (about
    /// 98 MiB by default; a point with every option set is about 150 bytes), so a refused body is never read whole.
    /// </summary>
    public int MaxJsonItemBytes { get; set; } = 1024;

    /// <summary>Largest JSON batch body, in bytes: <see cref="MaxBatch"/> × <see cref="MaxJsonItemBytes"/>.</summary>
    public long MaxJsonBatchBytes => (long)MaxBatch * MaxJsonItemBytes;

    /// <summary>Most characters in one field of a CSV batch; a longer field makes its row INVALID.</summary>
    public int MaxCsvFieldChars { get; set; } = 4096;

    /// <summary>Most characters in one row of a CSV batch (a quoted field may span lines); a longer row is INVALID.</summary>
    public int MaxCsvRowChars { get; set; } = 64 * 1024;
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

    /// <summary>Prometheus scrape endpoint (<c>/metrics</c>, HTTP/1.1), on a port of its own; empty disables it.</summary>
    public string MetricsUrl { get; set; } = "http://127.0.0.1:9464";

    /// <summary>OTLP endpoint for traces (else OTEL_EXPORTER_OTLP_ENDPOINT); unset: no tracing.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Structured JSON logs on the console instead of plain text.</summary>
    public bool JsonLogs { get; set; }

    /// <summary>How long a stopping service lets in-flight requests (a batch, a stream) finish before it exits.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest a REST request may run before it is cancelled with 504 (gRPC calls use their deadline).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Requests per second allowed to one client address on the public routes; 0 disables rate limits.</summary>
    public int RateLimitPerSecond { get; set; }

    /// <summary>How many requests one client may send at once above its per-second rate.</summary>
    public int RateLimitBurst { get; set; } = 100;

    /// <summary>Settings of the map page at <c>/</c> (section <c>Geographie:Map</c>).</summary>
    public MapPageOptions Map { get; set; } = new();

    /// <summary>Take the client address from X-Forwarded-For (behind a trusted balancer), for rate limits and logs.</summary>
    public bool TrustForwardedFor { get; set; }

    /// <summary>Cross-origin access from browsers (section <c>Geographie:Cors</c>).</summary>
    public CorsSettings Cors { get; set; } = new();
}

/// <summary>Which web pages of other origins may call the REST routes (see docs/rest.md, "Conventions").</summary>
public sealed class CorsSettings
{
    /// <summary>
    /// Origins allowed to read answers (<c>https://example.fr</c>); empty (the default) allows any origin. Never with
    /// credentials: the service has no cookies or accounts, so an open read grants nothing a plain request does not.
    /// </summary>
    public string[] Origins { get; set; } = [];
}
