using System.Text;
using System.Text.Json;
using Geographie.Api.Data;
using Geographie.Api.Hosting;
using Geographie.Domain.Eligibility;
using Geographie.Domain.Snapshots;
using Geographie.Import.Csv;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Geographie.Api.Http;

/// <summary>
/// <c>POST /v1/eligibility/summary</c>: the same body and query options as <c>/v1/eligibility/batch</c> (a JSON array
/// of points, or CSV streamed), answered with counts instead of one answer per point: per quartier (inside, near,
/// uncertain) and per status. JSON by default, CSV with <c>Accept: text/csv</c> or <c>?format=csv</c>. Statuses as
/// the batch: 200; 400 for a body that is not a batch; 413 beyond the size limits; 415 for another content type;
/// 503 before data loads.
/// </summary>
public static class EligibilitySummaryEndpoint
{
    /// <summary>Maps the route.</summary>
    public static IEndpointRouteBuilder MapEligibilitySummaryEndpoint(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/eligibility/summary", Summarise).WithTags("eligibility")
            .Accepts<JsonBatchItem[]>("application/json", "text/csv")
            .Produces<SummaryResponse>(StatusCodes.Status200OK, "application/json", "text/csv");
        return routes;
    }

    /// <summary>The JSON answer.</summary>
    public sealed record SummaryResponse(int Total, IReadOnlyDictionary<string, int> Statuses, IReadOnlyList<SummaryQuartier> Quartiers);

    /// <summary>The counts of one quartier.</summary>
    public sealed record SummaryQuartier(string Geography, string Code, string Name, int Inside, int Near, int Uncertain);

    private static async Task<IResult> Summarise(
        HttpContext context, GeographyState state, EligibilityChecker checker, IOptions<GeographieOptions> options,
        string? geography, string? date, string? format,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "near_distance_m")] string? near,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "position_uncertainty_m")] string? uncertainty)
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

        var csvOut = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            || (format is null && context.Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase));
        var defaults = new BatchDefaults(geography, date, near, uncertainty);
        var tally = new EligibilityTally();
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var problem = mediaType switch
        {
            "text/csv" or "application/csv" => await TallyCsvAsync(context, snapshot, checker, defaults, tally, options.Value),
            "application/json" => await TallyJsonAsync(context, snapshot, checker, defaults, tally, options.Value.MaxBatch, options.Value.MaxJsonItemBytes),
            _ => TypedResults.Problem($"Content-Type '{context.Request.ContentType}' is not supported: send application/json (an array) or text/csv.",
                statusCode: StatusCodes.Status415UnsupportedMediaType),
        };
        if (problem is not null)
        {
            return problem;
        }

        var statuses = Enum.GetValues<EligibilityStatus>().ToDictionary(s => s.Wire(), tally.Count);
        var quartiers = tally.Quartiers.Select(c => new SummaryQuartier(c.Quartier.Version, c.Quartier.Code, c.Quartier.Name, c.Inside, c.Near, c.Uncertain)).ToArray();
        return csvOut
            ? TypedResults.Text(Csv(statuses, quartiers), "text/csv; charset=utf-8")
            : TypedResults.Ok(new SummaryResponse(tally.Total, statuses, quartiers));
    }

    // The same reader, limits and row checks as the CSV batch, counted instead of echoed.
    private static async Task<IResult?> TallyCsvAsync(
        HttpContext context, GeographySnapshot snapshot, EligibilityChecker checker, BatchDefaults defaults, EligibilityTally tally, GeographieOptions limits)
    {
        var (csv, header, columns, problem) = await CsvBatch.OpenAsync(
            context, new CsvLimits(limits.MaxCsvFieldChars, limits.MaxCsvRowChars), limits.MaxBatchBodyBytes);
        if (problem is not null)
        {
            return problem;
        }
        using var _ = csv;
        var failure = await CsvBatch.CheckRowsAsync(csv, header, columns, snapshot, checker, defaults, (_, result, _) =>
        {
            tally.Add(result);
            return Task.CompletedTask;
        }, context.RequestAborted);
        return failure is null ? null : TypedResults.Problem(
            $"The request body could not be read to its end ({failure}): nothing is counted from a partial body.",
            statusCode: StatusCodes.Status400BadRequest, title: "The batch is invalid");
    }

    private static async Task<IResult?> TallyJsonAsync(
        HttpContext context, GeographySnapshot snapshot, EligibilityChecker checker, BatchDefaults defaults, EligibilityTally tally, int maxBatch, int maxJsonItemBytes)
    {
        var (items, problem) = await JsonBatch.ReadAsync(context, maxBatch, (long)maxBatch * maxJsonItemBytes);
        if (problem is not null)
        {
            return problem;
        }
        foreach (var item in items)
        {
            tally.Add(JsonBatch.Check(item, snapshot, checker, defaults));
        }

        return null;
    }

    // Long format, ready for a pivot table: one row per quartier and status, then one per status total.
    private static string Csv(IReadOnlyDictionary<string, int> statuses, IReadOnlyList<SummaryQuartier> quartiers)
    {
        var csv = new StringBuilder("scope,geography,quartier_code,quartier_name,status,count\n");
        foreach (var q in quartiers)
        {
            foreach (var (status, count) in new[] { ("INSIDE", q.Inside), ("NEAR", q.Near), ("UNCERTAIN", q.Uncertain) })
            {
                if (count > 0)
                {
                    csv.Append("quartier,").Append(q.Geography).Append(',').Append(q.Code).Append(',')
                        .Append(CsvText.Escape(q.Name, ',')).Append(',').Append(status).Append(',').Append(count).Append('\n');
                }
            }
        }

        foreach (var (status, count) in statuses)
        {
            csv.Append("total,,,,").Append(status).Append(',').Append(count).Append('\n');
        }

        return csv.ToString();
    }
}
