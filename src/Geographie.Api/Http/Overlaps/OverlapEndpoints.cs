using Geographie.Api.Hosting;
using Geographie.Api.Texts;
using Geographie.Domain.Texts;
using Geographie.Domain.Geography;
using Geographie.Domain.Overlaps;
using Geographie.Domain.Snapshots;
using Geographie.Import.Csv;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Geographie.Api.Http.Overlaps;

/// <summary>
/// How much of a zone lies in QPV (v1, docs/overlaps.md). <c>POST /v1/overlaps</c> with a GeoJSON Polygon, MultiPolygon,
/// Feature or FeatureCollection; <c>GET /v1/overlaps?commune=INSEE</c>; <c>GET /v1/overlaps/communes</c>, the table
/// d'appartenance of every loaded commune outline. All take <c>geography</c> (qpv2024 by default) and answer JSON,
/// CSV or GeoJSON (<c>?format=</c> or Accept), streamed in order. Statuses: 200; 400 problem details naming the field
/// or the feature and its fault; 404 for a commune without a loaded outline; 413 beyond the zone or body limits;
/// 503 before the data loads.
/// </summary>
public static class OverlapEndpoints
{
    /// <summary>The part of a POST's answer spooled in memory; the rest goes to a temporary file until it is sent.</summary>
    private const int SpoolMemoryBytes = 1 << 20;

    /// <summary>At most this many faults are listed in a 400.</summary>
    private const int MaxFaultsListed = 20;

    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapOverlapEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/overlaps").WithTags("overlaps").RequireSnapshot();
        group.MapPost("/", MeasureBody)
            .Accepts<object>("application/geo+json", "application/json")
            .Produces(StatusCodes.Status200OK, null, "application/json", "text/csv", "application/geo+json");
        group.MapGet("/", MeasureCommune);
        group.MapGet("/communes", MeasureCommunes);
        return routes;
    }

    /// <summary>The edition named by <paramref name="geography"/> (default qpv2024), or a 400.</summary>
    internal static GeographyVersion? Edition(Language language, string? geography, string field, out IResult? problem)
    {
        var version = geography is null ? GeographyVersions.Default : GeographyVersions.Find(geography);
        problem = version is null
            ? Invalid(language, field, GeographyVersions.UnknownMessage(language, InputEcho.Quote(geography)))
            : null;
        return version;
    }

    /// <summary>A 400 problem naming <paramref name="field"/>.</summary>
    internal static IResult Invalid(Language language, string field, params string[] messages) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = messages }, detail: messages[0], title: language.Say(EdgeText.RequestInvalidTitle));

    private static async Task<IResult> MeasureBody(
        HttpContext context, IOptions<GeographieOptions> options, string? geography, string? format, string? crs, string? id)
    {
        var snapshot = context.LoadedSnapshot();
        var language = RequestLanguage.Of(context.Request);
        var limits = options.Value;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limits.MaxOverlapBodyBytes;
        }

        if (context.Request.ContentLength > limits.MaxOverlapBodyBytes)
        {
            return TypedResults.Problem(language.Say(EdgeText.OverlapBodyTooLarge, limits.MaxOverlapBodyBytes), statusCode: StatusCodes.Status413PayloadTooLarge,
                title: language.Say(EdgeText.BodyTooLargeTitle));
        }

        var version = Edition(language, geography, "geography", out var problem);
        var chosen = OverlapFormats.Negotiate(context.Request, format);
        if (problem is not null || chosen is null)
        {
            return problem ?? Invalid(language, "format", UnknownFormat(language, format));
        }

        // The answer goes to a spool (memory, then a temporary file) and reaches the response only once every zone
        // has been read, validated and measured: a 400 naming a feature must never follow a 200, and each zone is
        // then parsed, projected and validated once. The body itself is never held whole.
        var cancel = context.RequestAborted;
        var reader = new ZoneReader(context.Request.Body, crs, id, language);
        await using var spool = new FileBufferingWriteStream(SpoolMemoryBytes);
        var faults = await MeasureAllAsync(new BodyZones(reader, limits.MaxOverlapZones), snapshot, version!, chosen.Value, OverlapFormats.Dialect(format), spool, language, cancel);
        if (reader.Problem is not null)
        {
            return Invalid(language, "body", reader.Problem);
        }

        if (reader.Count > limits.MaxOverlapZones)
        {
            return TypedResults.Problem(language.Say(EdgeText.OverlapTooManyZones, reader.Count, limits.MaxOverlapZones), statusCode: StatusCodes.Status413PayloadTooLarge,
                title: language.Say(EdgeText.BodyTooLargeTitle));
        }

        if (faults.Count > 0)
        {
            return Invalid(language, "zones", [.. faults]);
        }

        OverlapWriter.Describe(context.Response, chosen.Value, OverlapFormats.Dialect(format), version!.Code);
        await spool.DrainBufferAsync(context.Response.Body, cancel);
        return TypedResults.Empty;
    }

    /// <summary>
    /// Measures every zone of <paramref name="source"/> and writes the answers to <paramref name="output"/>, a
    /// <see cref="ZoneChunk{TItem}"/> at a time: each zone is made and measured by the chunk's helpers on the thread pool
    /// as soon as it is read, and the request thread reads a chunk ahead: chunk k is finished (the request thread
    /// measuring what its helpers have not taken yet) only once chunk k + 1 is read, so the helpers never run dry at a
    /// chunk's end. A chunk's answers are then written (and flushed) while the next
    /// ones are measured. Returns the faults (at most <see cref="MaxFaultsListed"/>); past the first, nothing
    /// more is written and the zones of chunks not yet read are only checked. When the source stops short, the chunks
    /// read last are neither checked nor written. Whatever ends the request, no chunk is left measuring behind it.
    /// </summary>
    private static async Task<List<string>> MeasureAllAsync<TItem>(
        IZoneSource<TItem> source, GeographySnapshot snapshot, GeographyVersion version, OverlapFormat format, CsvDialect dialect, Stream output, Language language, CancellationToken cancel)
        where TItem : struct
    {
        var faults = new List<string>();
        var withGeometry = format == OverlapFormat.GeoJson;
        await using var writer = await OverlapWriter.StartAsync(output, format, dialect, version.Code);
        ZoneChunk<TItem>[] chunks = [new(source, snapshot, version, language, withGeometry, cancel), new(source, snapshot, version, language, withGeometry, cancel)];
        var written = Task.CompletedTask;
        ZoneChunk<TItem>? previous = null;
        try
        {
            var more = true;
            for (var k = 0; more && faults.Count < MaxFaultsListed; k++)
            {
                // This chunk last held chunk k − 2, whose answers may still be being written.
                await written;
                var chunk = chunks[k % 2];
                chunk.Start(measure: faults.Count == 0);
                while (chunk.Count < ZoneChunk.Capacity)
                {
                    if (await source.NextAsync(cancel) is not { } item)
                    {
                        more = false;
                        break;
                    }

                    chunk.Add(item);
                }

                if (previous is not null && !await FinishAsync(previous))
                {
                    return faults;
                }

                previous = chunk;
            }

            if (previous is not null)
            {
                await FinishAsync(previous);
            }

            return faults;
        }
        finally
        {
            // The chunk read ahead is still measuring when the request ends early (a fault past the limit, a body
            // stopped short, an exception); what it throws is of no use then.
            foreach (var chunk in chunks)
            {
                await chunk.SettleAsync();
            }

            // Never leave a write running behind the writer's disposal (its exception, if any, is the request's).
            await written;
        }

        // Waits for a chunk's zones, takes its faults and starts writing its answers; false when the source stopped short.
        async Task<bool> FinishAsync(ZoneChunk<TItem> chunk)
        {
            await chunk.CompleteAsync();
            if (await source.StoppedShortAsync(cancel))
            {
                return false;
            }

            for (var i = 0; i < chunk.Count; i++)
            {
                if (chunk.Problem(i) is { } problem && faults.Count < MaxFaultsListed)
                {
                    faults.Add(problem);
                }
            }

            await written;
            if (faults.Count == 0)
            {
                // On this thread up to its first wait (a flush to a slow client): a work item of its own would wait
                // for a pool thread to wake, as long as the write itself.
                written = WriteAsync(writer, chunk, cancel);
            }

            return true;
        }
    }

    /// <summary>
    /// Writes the answers of <paramref name="chunk"/> in order, then flushes them: a GET's reach the client chunk by
    /// chunk, a POST's its spool (which holds up to <see cref="SpoolMemoryBytes"/> in memory, the rest on disk).
    /// </summary>
    private static async Task WriteAsync<TItem>(OverlapWriter writer, ZoneChunk<TItem> chunk, CancellationToken cancel)
        where TItem : struct
    {
        for (var i = 0; i < chunk.Count; i++)
        {
            if (chunk.Answer(i) is { } answer)
            {
                await writer.WriteAsync(answer, cancel);
            }
        }

        await writer.FlushAsync(cancel);
    }

    private static async Task<IResult> MeasureCommune(HttpContext context, string? commune, string? geography, string? format)
    {
        var snapshot = context.LoadedSnapshot();
        var language = RequestLanguage.Of(context.Request);
        var version = Edition(language, geography, "geography", out var problem);
        var chosen = OverlapFormats.Negotiate(context.Request, format);
        if (problem is not null || chosen is null || string.IsNullOrWhiteSpace(commune))
        {
            return problem ?? (chosen is null
                ? Invalid(language, "format", UnknownFormat(language, format))
                : Invalid(language, "commune", language.Say(EdgeText.CommuneRequired)));
        }

        var zones = snapshot.CommuneZones;
        if (zones.PositionOf(commune.Trim()) is not { } position || zones.At(position, language) is null)
        {
            return CommuneNotLoaded(language, commune);
        }

        await StreamAsync(context, new OutlineZones(zones, [position], language), snapshot, version!, chosen.Value, format, language);
        return TypedResults.Empty;
    }

    private static async Task<IResult> MeasureCommunes(HttpContext context, string? geography, string? format, string? departement)
    {
        var snapshot = context.LoadedSnapshot();
        var language = RequestLanguage.Of(context.Request);
        var version = Edition(language, geography, "geography", out var problem);
        var chosen = OverlapFormats.Negotiate(context.Request, format);
        if (problem is not null || chosen is null)
        {
            return problem ?? Invalid(language, "format", UnknownFormat(language, format));
        }

        var zones = snapshot.CommuneZones;
        var positions = Enumerable.Range(0, zones.Communes.Count).Where(i => departement is null || zones.Communes[i].Departement == departement).ToArray();
        await StreamAsync(context, new OutlineZones(zones, positions, language), snapshot, version!, chosen.Value, format, language);
        return TypedResults.Empty;
    }

    /// <summary>
    /// Answers a GET with the zones of <paramref name="source"/>, streamed: commune outlines need no check, so the
    /// answers reach the client a chunk at a time as they are measured.
    /// </summary>
    private static async Task StreamAsync(HttpContext context, OutlineZones source, GeographySnapshot snapshot, GeographyVersion version, OverlapFormat format, string? formatName, Language language)
    {
        var dialect = OverlapFormats.Dialect(formatName);
        OverlapWriter.Describe(context.Response, format, dialect, version.Code);
        await MeasureAllAsync(source, snapshot, version, format, dialect, context.Response.Body, language, context.RequestAborted);
    }

    /// <summary>The 404 of a commune without loaded outline.</summary>
    internal static IResult CommuneNotLoaded(Language language, string commune) =>
        TypedResults.Problem(language.Say(EdgeText.CommuneOutlineUnknown, InputEcho.Quote(commune)), statusCode: StatusCodes.Status404NotFound,
            title: language.Say(EdgeText.TitleNotFound));

    private static string UnknownFormat(Language language, string? format) =>
        language.Say(EdgeText.OverlapFormatUnknown, InputEcho.Quote(format), OverlapFormats.Known);
}
