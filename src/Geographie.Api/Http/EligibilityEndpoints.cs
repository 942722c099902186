using System.Text.Json;
using Geographie.Api.Data;
using Geographie.Api.Hosting;
using Geographie.Domain.Eligibility;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Geographie.Api.Http;

/// <summary>
/// REST twin of the gRPC Eligibility service (v1).
/// <c>GET /v1/eligibility?lon=&amp;lat=</c> (or <c>x=&amp;y=</c>): 200 with the answer, 400 problem details naming the
/// field, 503 before data loads. <c>POST /v1/eligibility/batch</c> with <c>application/json</c> (an array) or
/// <c>text/csv</c> (streamed): 200 with one answer per item in order, bad items answered INVALID; 400 for a body
/// that is not a batch, 413 beyond the size limits, 415 for another content type.
/// </summary>
public static class EligibilityEndpoints
{
    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapEligibilityEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/eligibility").WithTags("eligibility");
        group.MapGet("/", CheckOne);
        group.MapPost("/batch", CheckBatch)
            .Accepts<BatchItem[]>("application/json", "text/csv")
            .Produces<EligibilityResponse[]>(StatusCodes.Status200OK, "application/json", "text/csv");
        return routes;
    }

    /// <summary>One item of a JSON batch (camelCase); query-string options apply where an item leaves them out.</summary>
    public sealed record BatchItem(
        string? Id, JsonElement? Lon, JsonElement? Lat, JsonElement? X, JsonElement? Y,
        string? Geography, string? Date, JsonElement? NearDistanceM, JsonElement? PositionUncertaintyM);

    private static IResult CheckOne(
        GeographyState state, EligibilityChecker checker, string? id, string? lon, string? lat, string? x, string? y,
        string? geography, string? date,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "near_distance_m")] string? near,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "position_uncertainty_m")] string? uncertainty,
        string? include) =>
        ContratEndpoints.Snapshot(state, snapshot =>
        {
            var problem = EligibilityQuery.TryParse(lon, lat, x, y, geography, date, near, uncertainty, out var request)
                ?? RequestValidator.TryResolve(request, checker.Limits, out _);
            if (problem is not null)
            {
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { [problem.Field] = [problem.Message] },
                    detail: problem.Message, title: "The eligibility request is invalid");
            }
            var result = checker.Check(snapshot, request);
            return TypedResults.Ok(result.ToResponse(id, include == "contrat" ? snapshot.Contrat : null));
        });

    private static async Task<IResult> CheckBatch(
        HttpContext context, GeographyState state, EligibilityChecker checker, IOptions<GeographieOptions> options,
        string? geography, string? date,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "near_distance_m")] string? near,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "position_uncertainty_m")] string? uncertainty,
        string? include)
    {
        if (state.Current is not { } snapshot)
        {
            return TypedResults.Problem("The data is not loaded yet; see /readyz.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = options.Value.MaxBatchBodyBytes;
        }
        if (context.Request.ContentLength > options.Value.MaxBatchBodyBytes)
        {
            return TypedResults.Problem($"The body is larger than the limit of {options.Value.MaxBatchBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        var defaults = new BatchDefaults(geography, date, near, uncertainty);
        var contrat = include == "contrat" ? snapshot.Contrat : null;
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        return mediaType switch
        {
            "text/csv" or "application/csv" => await CsvBatch.AnswerAsync(context, snapshot, checker, defaults),
            "application/json" => await JsonBatchAsync(context, snapshot, checker, defaults, contrat, options.Value.MaxBatch),
            _ => TypedResults.Problem($"Content-Type '{context.Request.ContentType}' is not supported: send application/json (an array) or text/csv.",
                statusCode: StatusCodes.Status415UnsupportedMediaType),
        };
    }

    private static async Task<IResult> JsonBatchAsync(
        HttpContext context, Domain.Snapshots.GeographySnapshot snapshot, EligibilityChecker checker, BatchDefaults defaults,
        Domain.Contrat.ContratDeVille? contrat, int maxBatch)
    {
        BatchItem[]? items;
        try
        {
            items = await JsonSerializer.DeserializeAsync<BatchItem[]>(context.Request.Body, JsonSerializerOptions.Web, context.RequestAborted);
        }
        catch (JsonException e)
        {
            return TypedResults.Problem($"The body is not a JSON array of points: {e.Message}", statusCode: StatusCodes.Status400BadRequest);
        }
        if (items is null || items.Length == 0 || items.Length > maxBatch)
        {
            return TypedResults.Problem(items is null || items.Length == 0
                ? "The batch is empty: send a JSON array of points."
                : $"The batch holds {items.Length} points; the limit is {maxBatch}.", statusCode: StatusCodes.Status400BadRequest);
        }
        var answers = new EligibilityResponse[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            var result = defaults.Check(snapshot, checker,
                Text(item.Lon), Text(item.Lat), Text(item.X), Text(item.Y), item.Geography, item.Date,
                Text(item.NearDistanceM), Text(item.PositionUncertaintyM), commaDecimals: false);
            answers[i] = result.ToResponse(item.Id, contrat);
        }
        return TypedResults.Ok(answers);
    }

    internal static string? Text(JsonElement? element) => element switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { } e => e.GetRawText(),
    };
}
