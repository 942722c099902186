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
    /// <summary>Commune zones measured together (in parallel) between two flushes.</summary>
    private const int ChunkZones = ZoneChunk.Capacity;

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

    /// <summary>The zone of a commune's loaded outline (a repair noted in <paramref name="language"/>), or null.</summary>
    internal static Zone? CommuneZone(GeographySnapshot snapshot, string insee, Language language)
    {
        var commune = snapshot.FindCommune(insee);
        return commune?.Outline is null ? null
            : ZoneValidator.Validate(commune.Insee, commune.Outline, language, out _) is { } zone ? zone with { Name = commune.Name } : null;
    }

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
        var faults = await MeasureAllAsync(reader, snapshot, version!, chosen.Value, OverlapFormats.Dialect(format), spool, limits.MaxOverlapZones, language, cancel);
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
    /// Reads, validates and measures every zone of <paramref name="reader"/> into <paramref name="spool"/>, a
    /// <see cref="ZoneChunk"/> at a time, each zone measured on the thread pool as soon as it is read; a chunk's answers
    /// are written while the next chunk is read and measured. Returns the faults (at most <see cref="MaxFaultsListed"/>).
    /// Past <paramref name="maxZones"/> it only counts the rest, for the 413.
    /// </summary>
    private static async Task<List<string>> MeasureAllAsync(
        ZoneReader reader, GeographySnapshot snapshot, GeographyVersion version, OverlapFormat format, CsvDialect dialect, Stream spool, int maxZones, Language language, CancellationToken cancel)
    {
        var faults = new List<string>();
        var withGeometry = format == OverlapFormat.GeoJson;
        await using var writer = await OverlapWriter.StartAsync(spool, format, dialect, version.Code);
        ZoneChunk[] chunks = [new(reader, snapshot, version, language, withGeometry, cancel), new(reader, snapshot, version, language, withGeometry, cancel)];
        var written = Task.CompletedTask;
        try
        {
            var more = true;
            for (var k = 0; more && faults.Count < MaxFaultsListed; k++)
            {
                // The other chunk's answers may still be being written: this one was written before that one started.
                var chunk = chunks[k % 2];
                chunk.Start(measure: faults.Count == 0);
                while (chunk.Count < ZoneChunk.Capacity)
                {
                    if (await reader.NextAsync(cancel) is not { } text)
                    {
                        more = false;
                        break;
                    }

                    if (reader.Count > maxZones)
                    {
                        break;
                    }

                    chunk.Add(text);
                }

                await chunk.CompleteAsync();
                if (reader.Problem is not null || reader.Count > maxZones)
                {
                    await reader.CountAllAsync(cancel);
                    return faults;
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
                    written = Task.Run(() => WriteAsync(writer, chunk, cancel), cancel);
                }
            }

            return faults;
        }
        finally
        {
            // Never leave a write running behind the writer's disposal (its exception, if any, is the request's).
            await written;
        }
    }

    /// <summary>Writes the answers of <paramref name="chunk"/> in order.</summary>
    private static async Task WriteAsync(OverlapWriter writer, ZoneChunk chunk, CancellationToken cancel)
    {
        for (var i = 0; i < chunk.Count; i++)
        {
            if (chunk.Answer(i) is { } answer)
            {
                await writer.WriteAsync(answer, cancel);
            }
        }
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

        var zone = CommuneZone(snapshot, commune.Trim(), language);
        if (zone is null)
        {
            return CommuneNotLoaded(language, commune);
        }

        await StreamAsync(context, snapshot, version!, chosen.Value, OverlapFormats.Dialect(format), language, 1, _ => zone);
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

        var communes = snapshot.OutlinedCommunes.Where(c => departement is null || c.Departement == departement).ToArray();
        await StreamAsync(context, snapshot, version!, chosen.Value, OverlapFormats.Dialect(format), language, communes.Length, i => CommuneZone(snapshot, communes[i].Insee, language)!);
        return TypedResults.Empty;
    }

    private static async Task StreamAsync(HttpContext context, GeographySnapshot snapshot, GeographyVersion version, OverlapFormat format, CsvDialect dialect, Language language, int count, Func<int, Zone> zone)
    {
        var cancel = context.RequestAborted;
        var withGeometry = format == OverlapFormat.GeoJson;
        OverlapWriter.Describe(context.Response, format, dialect, version.Code);
        await using var writer = await OverlapWriter.StartAsync(context.Response.Body, format, dialect, version.Code);
        var answers = new ZoneOverlap[ChunkZones];
        for (var start = 0; start < count; start += ChunkZones)
        {
            var n = Math.Min(ChunkZones, count - start);
            Parallel.For(0, n, new ParallelOptions { CancellationToken = cancel },
                i => answers[i] = OverlapCalculator.Measure(snapshot, version, zone(start + i), language, withGeometry));
            for (var i = 0; i < n; i++)
            {
                await writer.WriteAsync(answers[i], cancel);
                answers[i] = null!;
            }

            await writer.FlushAsync(cancel);
        }
    }

    /// <summary>The 404 of a commune without loaded outline.</summary>
    internal static IResult CommuneNotLoaded(Language language, string commune) =>
        TypedResults.Problem(language.Say(EdgeText.CommuneOutlineUnknown, InputEcho.Quote(commune)), statusCode: StatusCodes.Status404NotFound,
            title: language.Say(EdgeText.TitleNotFound));

    private static string UnknownFormat(Language language, string? format) =>
        language.Say(EdgeText.OverlapFormatUnknown, InputEcho.Quote(format), OverlapFormats.Known);
}
