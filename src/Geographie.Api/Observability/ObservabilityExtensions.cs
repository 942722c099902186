using System.Globalization;
using System.Threading.RateLimiting;
using Geographie.Api.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Geographie.Api.Observability;

/// <summary>
/// Metrics, traces, logs, timeouts, rate limits and shutdown: what an operator needs to run replicas.
/// Metrics are scraped on their own port (<see cref="GeographieOptions.MetricsUrl"/>), never on the public REST
/// port: the balancer does not expose them, and a scrape never competes with clients for rate limits or timeouts.
/// </summary>
public static class ObservabilityExtensions
{
    private static readonly string[] Meters =
    [
        GeographieMetrics.MeterName,
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting", "Grpc.AspNetCore.Server", "Npgsql",
    ];

    /// <summary>Registers the instruments, exporters, structured logs, request timeouts, rate limits and shutdown timeout.</summary>
    public static WebApplicationBuilder AddGeographieObservability(this WebApplicationBuilder builder, GeographieOptions options)
    {
        builder.Services.AddSingleton<GeographieMetrics>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("geographie"))
            .WithMetrics(metrics => metrics
                .AddMeter(Meters)
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        var otlp = options.OtlpEndpoint ?? Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (otlp is { Length: > 0 })
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(exporter => exporter.Endpoint = new Uri(otlp)));
        }
        if (options.JsonLogs)
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(json => json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ");
        }
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        builder.Services.AddRequestTimeouts(timeouts => timeouts.DefaultPolicy = new()
        {
            Timeout = options.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        });
        // Off (the default), no limiter is registered at all: a partitioned limiter ticks every 100 ms even when
        // every partition is unlimited, and each tick wakes a pool thread of an idle replica.
        if (options.RateLimitPerSecond > 0)
        {
            builder.Services.AddRateLimiter(limiter =>
            {
                limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                limiter.OnRejected = RejectAsync;
                // Probes and scrapes are never limited: a busy client must not make a replica look dead.
                limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    context.Request.Path.StartsWithSegments("/healthz") || context.Request.Path.StartsWithSegments("/readyz")
                        || context.Request.Path.StartsWithSegments("/metrics")
                        ? RateLimitPartition.GetNoLimiter("unlimited")
                        : RateLimitPartition.GetTokenBucketLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new TokenBucketRateLimiterOptions
                        {
                            TokenLimit = Math.Max(1, options.RateLimitBurst),
                            TokensPerPeriod = options.RateLimitPerSecond,
                            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                            QueueLimit = 0,
                            AutoReplenishment = true,
                        }));
            });
        }
        if (options.TrustForwardedFor)
        {
            builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
            {
                forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                // Which balancer is trusted is a deployment decision, made by turning the option on.
                forwarded.KnownIPNetworks.Clear();
                forwarded.KnownProxies.Clear();
            });
        }
        return builder;
    }

    /// <summary>
    /// The middleware in order: forwarded headers (when trusted), the Prometheus endpoint on the metrics port only,
    /// rate limits, request timeouts.
    /// </summary>
    public static WebApplication UseGeographieObservability(this WebApplication app, GeographieOptions options)
    {
        // The observable instruments exist from the start, not from the first batch.
        app.Services.GetRequiredService<GeographieMetrics>();
        if (options.TrustForwardedFor)
        {
            app.UseForwardedHeaders();
        }
        if (options.MetricsUrl is { Length: > 0 } metricsUrl)
        {
            var port = new Uri(metricsUrl).Port;
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
                context.Connection.LocalPort == port && context.Request.Path == "/metrics");
        }
        // Decided by what AddGeographieObservability registered, not by reading the option again.
        if (app.Services.GetRequiredService<IOptions<RateLimiterOptions>>().Value.GlobalLimiter is not null)
        {
            app.UseRateLimiter();
        }
        app.UseRequestTimeouts();
        return app;
    }

    private static ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return new ValueTask(Results.Problem(
                detail: Texts.EdgeTexts.Say(Texts.RequestLanguage.Of(rejected.HttpContext.Request), Texts.EdgeText.TooManyRequests, response.Headers.RetryAfter.ToString()),
                statusCode: StatusCodes.Status429TooManyRequests)
            .ExecuteAsync(rejected.HttpContext));
    }
}
