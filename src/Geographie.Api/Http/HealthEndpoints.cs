using Geographie.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Geographie.Api.Http;

/// <summary>
/// <c>GET /healthz</c>: 200 while the process runs. <c>GET /readyz</c>: 200 when PostGIS answers and a snapshot is
/// loaded, 503 otherwise; the body says what is loaded (editions, quartier counts, perimeters loaded or not).
/// </summary>
public static class HealthEndpoints
{
    /// <summary>Maps both routes.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new { status = "alive" })).WithTags("health");
        routes.MapGet("/readyz", ReadyAsync).WithTags("health");
        return routes;
    }

    private static async Task<Results<Ok<Readiness>, JsonHttpResult<Readiness>>> ReadyAsync(
        NpgsqlDataSource dataSource, GeographyState state, CancellationToken cancellationToken)
    {
        string database;
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            database = "reachable";
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            database = "unreachable: " + e.Message;
        }
        var readiness = Readiness.Describe(state, database);
        return readiness.Ready
            ? TypedResults.Ok(readiness)
            : TypedResults.Json(readiness, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
