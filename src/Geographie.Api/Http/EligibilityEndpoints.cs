using Geographie.Addresses;
using Geographie.Api.Addresses;
using Geographie.Api.Hosting;
using Geographie.Api.Texts;
using Geographie.Domain.Eligibility;
using Geographie.Import.Csv;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Geographie.Api.Http;

/// <summary>
/// REST twin of the gRPC Eligibility service (v1).
/// <c>GET /v1/eligibility?lon=&amp;lat=</c> (or <c>x=&amp;y=</c>, or <c>address=</c> / <c>numero=&amp;voie=&amp;code_postal=&amp;commune=&amp;citycode=</c>):
/// 200 with the answer (INVALID with the reason for an address that matches nothing), 400 problem details naming the
/// field, 503 before data loads. <c>POST /v1/eligibility/batch</c> with <c>application/json</c> (an array), or CSV
/// streamed (<c>text/csv</c>, <c>text/tab-separated-values</c>, or an HTML form's <c>file</c>, see <see cref="CsvBatch"/>;
/// <c>?format=csv|csv-excel-fr|tsv</c> chooses the answer's dialect): 200 with one answer per item in order, bad items
/// answered INVALID; 400 for a body that is not a batch or an unknown format, 413 beyond the size limits, 415 for
/// another content type. Reasons and problems are in French, or in English when asked (see <see cref="RequestLanguage"/>).
/// </summary>
public static class EligibilityEndpoints
{
    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapEligibilityEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/eligibility").WithTags("eligibility").RequireSnapshot();
        group.MapGet("/", CheckOne).Produces<EligibilityResponse>();
        group.MapPost("/batch", CheckBatch)
            .Accepts<JsonBatchItem[]>("application/json", "text/csv", "application/csv", "text/tab-separated-values", "multipart/form-data")
            .Produces<EligibilityResponse[]>(StatusCodes.Status200OK, "application/json", "text/csv", "text/tab-separated-values");
        return routes;
    }

    private static async Task<IResult> CheckOne(
        HttpRequest http, EligibilityChecker checker, string? id, string? lon, string? lat, string? x, string? y,
        string? geography, string? date,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "near_distance_m")] string? near,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "position_uncertainty_m")] string? uncertainty,
        string? include,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "include_contrat")] string? includeContrat,
        [AsParameters] AddressFields address, IGeocoder geocoder, IOptions<GeocoderOptions> geocoding, CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Of(http);
        var snapshot = http.HttpContext.LoadedSnapshot();
        var located = await AddressStep.GeocodeAsync(geocoder, address.ToQuery(), cancellationToken);
        // An address that matched nothing is answered INVALID as it is: there is no point to validate.
        var unmatched = AddressStep.Unmatched(located, language);
        RequestValidator.Resolved resolved = default;
        var badInclude = WithContrat(include, includeContrat, out var withContrat);
        var problem = EligibilityQuery.TryParse(lon, lat, x, y, geography, date, near, uncertainty, out var request)
            ?? badInclude
            ?? AddressStep.Apply(located, ref request, geocoding.Value.Threshold, checker.Limits.MaxBandM)
            ?? (unmatched is null ? RequestValidator.TryResolve(request, checker.Limits, out resolved) : null);
        if (problem is not null)
        {
            var message = problem.Message(language);
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [problem.Field] = [message] },
                detail: message, title: language.Say(EdgeText.EligibilityInvalidTitle));
        }
        var result = unmatched ?? checker.Check(snapshot, resolved, language);
        return TypedResults.Ok(result.ToResponse(id, withContrat ? snapshot.Contrat : null) with { Address = AddressStep.Matched(located) });
    }

    // include=contrat, or the proto's include_contrat=true as an alias; any other value is refused, never ignored.
    private static RequestProblem? WithContrat(string? include, string? includeContrat, out bool withContrat)
    {
        withContrat = include == "contrat" || includeContrat == "true";
        return include is null or "contrat"
            ? includeContrat is null or "true" or "false" ? null
                : new RequestProblem("include_contrat", language => language.Say(EdgeText.IncludeContratUnknown, InputEcho.Quote(includeContrat)))
            : new RequestProblem("include", language => language.Say(EdgeText.IncludeUnknown, InputEcho.Quote(include)));
    }

    private static async Task<IResult> CheckBatch(
        HttpContext context, EligibilityChecker checker, IOptions<GeographieOptions> options,
        Observability.GeographieMetrics metrics, string? geography, string? date,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "near_distance_m")] string? near,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "position_uncertainty_m")] string? uncertainty,
        string? include, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "include_contrat")] string? includeContrat, string? format,
        IGeocoder geocoder, IOptions<GeocoderOptions> geocoding,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "columns")] string[]? addressColumns,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "postcode")] string? postcodeColumn,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "citycode")] string? citycodeColumn)
    {
        var language = RequestLanguage.Of(context.Request);
        var snapshot = context.LoadedSnapshot();
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var csv = CsvUpload.Accepts(mediaType);
        if (!csv && mediaType != "application/json")
        {
            return UnsupportedMediaType(context.Request, language);
        }
        if (CsvBatch.TryChooseDialect(format, language, out var dialect) is { } badFormat)
        {
            return badFormat;
        }
        if (WithContrat(include, includeContrat, out var withContrat) is { } badInclude)
        {
            var message = badInclude.Message(language);
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [badInclude.Field] = [message] },
                detail: message, title: language.Say(EdgeText.RequestInvalidTitle));
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
            return BodyTooLarge(limit, mediaType, language);
        }
        var defaults = new BatchDefaults(geography, date, near, uncertainty, language) { AddressThreshold = geocoding.Value.Threshold };
        var contrat = withContrat ? snapshot.Contrat : null;
        var limits = options.Value;
        return csv
            ? await CsvBatch.AnswerAsync(context, snapshot, checker, defaults,
                new CsvLimits(limits.MaxCsvFieldChars, limits.MaxCsvRowChars), limits.MaxBatchBodyBytes, dialect, rows => metrics.RecordBatch("rest-csv", rows),
                AddressColumnNames.Of(addressColumns, postcodeColumn, citycodeColumn), geocoder)
            : await JsonBatch.AnswerAsync(context, snapshot, checker, defaults, contrat, limits.MaxBatch, limits.MaxJsonBatchBytes,
                points => metrics.RecordBatch("rest-json", points), geocoder);
    }

    /// <summary>The 415 of a batch body that is neither JSON nor CSV, in <paramref name="language"/>.</summary>
    internal static IResult UnsupportedMediaType(HttpRequest request, Domain.Texts.Language language) =>
        TypedResults.Problem(string.IsNullOrWhiteSpace(request.ContentType)
                ? language.Say(EdgeText.NoContentType)
                : language.Say(EdgeText.ContentTypeUnsupported, InputEcho.Quote(request.ContentType)),
            statusCode: StatusCodes.Status415UnsupportedMediaType, title: language.Say(EdgeText.UnsupportedMediaTypeTitle));

    /// <summary>The 413 of a batch body declared larger than <paramref name="limit"/>, in <paramref name="language"/>.</summary>
    internal static IResult BodyTooLarge(long limit, string? mediaType, Domain.Texts.Language language) =>
        TypedResults.Problem(language.Say(EdgeText.BodyTooLarge, limit, mediaType),
            statusCode: StatusCodes.Status413PayloadTooLarge, title: language.Say(EdgeText.BodyTooLargeTitle));
}
