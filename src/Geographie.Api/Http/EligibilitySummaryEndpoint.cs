using System.Text;
using System.Text.Json;
using Geographie.Addresses;
using Geographie.Api.Addresses;
using Geographie.Api.Hosting;
using Geographie.Api.Texts;
using Geographie.Domain.Eligibility;
using Geographie.Domain.Snapshots;
using Geographie.Import.Csv;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Geographie.Api.Http;

/// <summary>
/// <c>POST /v1/eligibility/summary</c>: the same body and query options as <c>/v1/eligibility/batch</c> (a JSON array
/// of points, or CSV streamed), answered with counts instead of one answer per point: per quartier (inside, near,
/// uncertain) and per status. JSON by default (or <c>?format=json</c>); CSV, as an attachment, with
/// <c>?format=csv|csv-excel-fr|tsv</c>, or with <c>Accept: text/csv</c> in the dialect mirroring a CSV input (comma for
/// a JSON input). Addresses are accepted as in the batch (an item's <c>address</c> and structured fields; CSV address
/// columns named by <c>columns=</c>, <c>postcode=</c>, <c>citycode=</c>), geocoded the same way and counted like points;
/// an address that matches nothing counts as INVALID, one the geocoder could not be asked about as UNKNOWN. Statuses as the batch: 200; 400 for a body that is not a batch or an unknown format; 413 beyond the
/// size limits; 415 for another content type; 503 before data loads.
/// </summary>
public static class EligibilitySummaryEndpoint
{
    /// <summary>Maps the route.</summary>
    public static IEndpointRouteBuilder MapEligibilitySummaryEndpoint(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/eligibility/summary", Summarise).WithTags("eligibility").RequireSnapshot()
            .Accepts<JsonBatchItem[]>("application/json", "text/csv", "text/tab-separated-values", "multipart/form-data")
            .Produces<SummaryResponse>(StatusCodes.Status200OK, "application/json", "text/csv", "text/tab-separated-values");
        return routes;
    }

    /// <summary>The JSON answer.</summary>
    /// <param name="Total">Answers counted.</param>
    /// <param name="Statuses">Answers per status.</param>
    /// <param name="Quartiers">Counts per quartier.</param>
    /// <param name="UnknownLoadedHere">UNKNOWN answers per geography whose perimeters are loaded at their point.</param>
    /// <param name="Hint">What to ask for those answers, in the request's language; null when no UNKNOWN answer has one.</param>
    public sealed record SummaryResponse(
        int Total, IReadOnlyDictionary<string, int> Statuses, IReadOnlyList<SummaryQuartier> Quartiers,
        IReadOnlyDictionary<string, int> UnknownLoadedHere, string? Hint);

    /// <summary>The counts of one quartier; <paramref name="UnknownNearestLoaded"/> counts the UNKNOWN answers whose
    /// nearest loaded perimeter (loaded perimeters only) is this one.</summary>
    public sealed record SummaryQuartier(string Geography, string Code, string Name, int Inside, int Near, int Uncertain, int UnknownNearestLoaded);

    private static async Task<IResult> Summarise(
        HttpContext context, EligibilityChecker checker, IOptions<GeographieOptions> options,
        string? geography, string? date, string? format,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "near_distance_m")] string? near,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "position_uncertainty_m")] string? uncertainty,
        IGeocoder geocoder, IOptions<GeocoderOptions> geocoding,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "columns")] string[]? addressColumns,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "postcode")] string? postcodeColumn,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "citycode")] string? citycodeColumn)
    {
        var language = RequestLanguage.Of(context.Request);
        var snapshot = context.LoadedSnapshot();

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = options.Value.MaxBatchBodyBytes;
        }

        var mediaType = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (context.Request.ContentLength > options.Value.MaxBatchBodyBytes)
        {
            return EligibilityEndpoints.BodyTooLarge(options.Value.MaxBatchBodyBytes, mediaType, language);
        }

        var json = string.Equals(format, "json", StringComparison.OrdinalIgnoreCase)
            || (format is null && !context.Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase));
        if (CsvBatch.TryChooseDialect(json ? null : format, language, out var dialect) is { } badFormat)
        {
            return badFormat;
        }
        var defaults = new BatchDefaults(geography, date, near, uncertainty, language) { AddressThreshold = geocoding.Value.Threshold };
        var tally = new EligibilityTally();
        IResult? problem;
        string? fileName = null;
        if (CsvUpload.Accepts(mediaType))
        {
            (problem, var input, var delimiter) = await TallyCsvAsync(context, snapshot, checker, defaults, tally, options.Value,
                AddressColumnNames.Of(addressColumns, postcodeColumn, citycodeColumn), geocoder);
            dialect ??= CsvDialect.Mirroring(delimiter);
            fileName = input?.DownloadName("eligibilite-synthese", dialect);
        }
        else
        {
            problem = mediaType == "application/json"
                ? await TallyJsonAsync(context, snapshot, checker, defaults, tally, options.Value.MaxBatch, options.Value.MaxJsonItemBytes, geocoder)
                : EligibilityEndpoints.UnsupportedMediaType(context.Request, language);
        }
        if (problem is not null)
        {
            return problem;
        }
        dialect ??= CsvDialect.Comma;
        fileName ??= "eligibilite-synthese." + dialect.Extension;

        var statuses = Enum.GetValues<EligibilityStatus>().ToDictionary(s => s.Wire(), tally.Count);
        var quartiers = tally.Quartiers.Select(c => new SummaryQuartier(
            c.Quartier.Version, c.Quartier.Code, c.Quartier.Name, c.Inside, c.Near, c.Uncertain, c.UnknownNearestLoaded)).ToArray();
        var loadedHere = tally.UnknownLoadedHere.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value);
        if (json)
        {
            string? hint = null;
            if (loadedHere.Count > 0)
            {
                var (code, count) = loadedHere.MaxBy(p => p.Value);
                hint = language.Say(EdgeText.SummaryLoadedHere, count, code);
            }
            return TypedResults.Ok(new SummaryResponse(tally.Total, statuses, quartiers, loadedHere, hint));
        }
        CsvUpload.AttachAs(context.Response, fileName);
        return TypedResults.Text(Csv(statuses, quartiers, loadedHere, dialect), dialect.MediaType);
    }

    // The same reader, limits and row checks as the CSV batch, counted instead of echoed; with the upload and the
    // delimiter read, which the answer mirrors.
    private static async Task<(IResult? Problem, CsvUpload? Upload, char Delimiter)> TallyCsvAsync(
        HttpContext context, GeographySnapshot snapshot, EligibilityChecker checker, BatchDefaults defaults, EligibilityTally tally, GeographieOptions limits,
        AddressColumnNames? addressColumns, IGeocoder geocoder)
    {
        var (opened, problem) = await CsvBatch.OpenAsync(
            context, new CsvLimits(limits.MaxCsvFieldChars, limits.MaxCsvRowChars), limits.MaxBatchBodyBytes, defaults.Language, addressColumns);
        if (problem is not null)
        {
            return (problem, null, ',');
        }
        var (csv, header, columns, upload) = opened!;
        using var _ = csv;
        var failure = await CsvBatch.CheckRowsAsync(csv, header, columns, snapshot, checker, defaults, (chunk, _) =>
        {
            foreach (var result in chunk.Results.AsSpan(0, chunk.Count))
            {
                tally.Add(result);
            }
            return ValueTask.CompletedTask;
        }, context.RequestAborted, geocoder);
        return (failure is null ? null : TypedResults.Problem(defaults.Language.Say(EdgeText.SummaryPartial, failure),
            statusCode: StatusCodes.Status400BadRequest, title: defaults.Language.Say(EdgeText.BatchInvalidTitle)), upload, csv.Delimiter);
    }

    private static async Task<IResult?> TallyJsonAsync(
        HttpContext context, GeographySnapshot snapshot, EligibilityChecker checker, BatchDefaults defaults, EligibilityTally tally, int maxBatch, int maxJsonItemBytes,
        IGeocoder geocoder)
    {
        var (items, problem) = await JsonBatch.ReadAsync(context, maxBatch, (long)maxBatch * maxJsonItemBytes, defaults.Language);
        if (problem is not null)
        {
            return problem;
        }
        var located = await AddressStep.GeocodeAllAsync(geocoder, items.Select(i => i.Address).ToList(), context.RequestAborted);
        foreach (var result in JsonBatch.Check(items, located, snapshot, checker, defaults, context.RequestAborted))
        {
            tally.Add(result);
        }

        return null;
    }

    // Long format, ready for a pivot table: one row per quartier and status (scope nearest_loaded for the UNKNOWN answers
    // whose nearest loaded perimeter it is), one per geography loaded where UNKNOWN answers fell, then one per status total.
    private static string Csv(
        IReadOnlyDictionary<string, int> statuses, IReadOnlyList<SummaryQuartier> quartiers, IReadOnlyDictionary<string, int> loadedHere, CsvDialect dialect)
    {
        var d = dialect.Delimiter;
        // Text results write no preamble: the BOM Excel needs is the first character.
        var csv = new StringBuilder(dialect.ByteOrderMark ? "\uFEFF" : string.Empty)
            .Append(string.Join(d, "scope", "geography", "quartier_code", "quartier_name", "status", "count")).Append('\n');
        foreach (var q in quartiers)
        {
            foreach (var (status, count) in new[] { ("INSIDE", q.Inside), ("NEAR", q.Near), ("UNCERTAIN", q.Uncertain) })
            {
                if (count > 0)
                {
                    csv.Append("quartier").Append(d).Append(q.Geography).Append(d).Append(q.Code).Append(d)
                        .Append(dialect.Escape(q.Name)).Append(d).Append(status).Append(d).Append(count).Append('\n');
                }
            }
            if (q.UnknownNearestLoaded > 0)
            {
                csv.Append("nearest_loaded").Append(d).Append(q.Geography).Append(d).Append(q.Code).Append(d)
                    .Append(dialect.Escape(q.Name)).Append(d).Append("UNKNOWN").Append(d).Append(q.UnknownNearestLoaded).Append('\n');
            }
        }

        foreach (var (geography, count) in loadedHere)
        {
            csv.Append("loaded_here").Append(d).Append(geography).Append(d, 3).Append("UNKNOWN").Append(d).Append(count).Append('\n');
        }

        foreach (var (status, count) in statuses)
        {
            csv.Append("total").Append(d, 4).Append(status).Append(d).Append(count).Append('\n');
        }

        return csv.ToString();
    }
}
