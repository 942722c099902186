using Geographie.Addresses;
using Geographie.Api.Addresses;
using Geographie.Api.Data;
using Geographie.Api.Hosting;
using Geographie.Domain.Eligibility;
using Geographie.Import.Csv;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Geographie.Api.Http;

/// <summary>
/// REST twin of the gRPC Eligibility service (v1).
/// <c>GET /v1/eligibility?lon=&amp;lat=</c> (or <c>x=&amp;y=</c>, or <c>address=</c> / <c>numero=&amp;voie=&amp;code_postal=&amp;commune=&amp;citycode=</c>):
/// 200 with the answer (INVALID with the reason for an address that matches nothing), 400 problem details naming the
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
            .Accepts<JsonBatchItem[]>("application/json", "text/csv", "application/csv")
            .Produces<EligibilityResponse[]>(StatusCodes.Status200OK, "application/json", "text/csv");
        return routes;
    }

    private static async Task<IResult> CheckOne(
        GeographyState state, EligibilityChecker checker, string? id, string? lon, string? lat, string? x, string? y,
        string? geography, string? date,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "near_distance_m")] string? near,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "position_uncertainty_m")] string? uncertainty,
        string? include, [AsParameters] AddressFields address, IGeocoder geocoder, IOptions<GeocoderOptions> geocoding,
        CancellationToken cancellationToken)
    {
        var located = await AddressStep.GeocodeAsync(geocoder, address.ToQuery(), cancellationToken);
        return ContratEndpoints.Snapshot(state, snapshot =>
        {
            var problem = EligibilityQuery.TryParse(lon, lat, x, y, geography, date, near, uncertainty, out var request)
                ?? AddressStep.Apply(located, ref request, geocoding.Value.Threshold, checker.Limits.MaxBandM)
                ?? (AddressStep.Unmatched(located) is null ? RequestValidator.TryResolve(request, checker.Limits, out _) : null);
            if (problem is not null)
            {
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { [problem.Field] = [problem.Message] },
                    detail: problem.Message, title: "The eligibility request is invalid");
            }
            var result = AddressStep.Unmatched(located) ?? checker.Check(snapshot, request);
            return TypedResults.Ok(result.ToResponse(id, include == "contrat" ? snapshot.Contrat : null) with { Address = AddressStep.Matched(located) });
        });
    }

    private static async Task<IResult> CheckBatch(
        HttpContext context, GeographyState state, EligibilityChecker checker, IOptions<GeographieOptions> options,
        Observability.GeographieMetrics metrics, string? geography, string? date,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "near_distance_m")] string? near,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "position_uncertainty_m")] string? uncertainty,
        string? include, IGeocoder geocoder, IOptions<GeocoderOptions> geocoding,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "columns")] string[]? addressColumns,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "postcode")] string? postcodeColumn,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "citycode")] string? citycodeColumn)
    {
        if (state.Current is not { } snapshot)
        {
            return TypedResults.Problem("The data is not loaded yet; see /readyz.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var csv = mediaType is "text/csv" or "application/csv";
        if (!csv && mediaType != "application/json")
        {
            return TypedResults.Problem(mediaType is null or ""
                    ? "The request has no Content-Type: send application/json (an array of points) or text/csv."
                    : $"Content-Type '{InputEcho.Quote(context.Request.ContentType)}' is not supported: send application/json (an array of points) or text/csv.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }
        // A JSON batch is held whole before it is answered, so its size is bounded by what MaxBatch points need;
        // a CSV batch streams, so only its total is bounded.
        var limit = csv ? options.Value.MaxBatchBodyBytes : options.Value.MaxJsonBatchBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }
        if (context.Request.ContentLength > limit)
        {
            return TypedResults.Problem($"The body is larger than the limit of {limit} bytes for {mediaType}.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large");
        }
        var defaults = new BatchDefaults(geography, date, near, uncertainty) { AddressThreshold = geocoding.Value.Threshold };
        var contrat = include == "contrat" ? snapshot.Contrat : null;
        var limits = options.Value;
        return csv
            ? await CsvBatch.AnswerAsync(context, snapshot, checker, defaults,
                new CsvLimits(limits.MaxCsvFieldChars, limits.MaxCsvRowChars), limits.MaxBatchBodyBytes, rows => metrics.RecordBatch("rest-csv", rows),
                AddressColumnNames.Of(addressColumns, postcodeColumn, citycodeColumn), geocoder)
            : await JsonBatch.AnswerAsync(context, snapshot, checker, defaults, contrat, limits.MaxBatch, limits.MaxJsonBatchBytes,
                points => metrics.RecordBatch("rest-json", points), geocoder);
    }
}
