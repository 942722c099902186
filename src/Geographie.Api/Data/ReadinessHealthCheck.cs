using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Geographie.Api.Data;

/// <summary>Healthy for grpc.health.v1 once a snapshot is loaded (the same condition as /readyz, without the database round trip).</summary>
public sealed class ReadinessHealthCheck(GeographyState state) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.Current is { } snapshot
            ? HealthCheckResult.Healthy($"revision {snapshot.Revision}")
            : HealthCheckResult.Unhealthy(state.LastError ?? "data not loaded yet"));
}
