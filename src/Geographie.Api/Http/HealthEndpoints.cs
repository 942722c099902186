using Geographie.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Geographie.Api.Http;

/// <summary>
/// <c>GET /healthz</c>: 200 while the process runs (liveness). <c>GET /readyz</c>: 200 once a snapshot is loaded and
/// served, 503 before (readiness: the signal a balancer or Kubernetes routes on). The body says what is loaded, how
/// old the snapshot is and whether PostGIS answered the last revision check; a database outage shows there, never
/// as 503, since every data route keeps answering from memory. No database round trip: probes stay cheap.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>Maps both routes.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new { status = "alive" })).WithTags("health");
        routes.MapGet("/readyz", Ready).WithTags("health");
        return routes;
    }

    private static Results<Ok<Readiness>, JsonHttpResult<Readiness>> Ready(GeographyState state, TimeProvider time)
    {
        var readiness = Readiness.Describe(state, time.GetUtcNow());
        return readiness.Ready
            ? TypedResults.Ok(readiness)
            : TypedResults.Json(readiness, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
