using Geographie.Api.Hosting;
using Geographie.Domain.Geography;
using Geographie.Domain.Overlaps;
using Geographie.Domain.Snapshots;
using Geographie.Import.Csv;
using Microsoft.AspNetCore.Http.Features;
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
    /// <summary>Zones measured together (in parallel) between two flushes.</summary>
    private const int ChunkZones = 64;

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
    internal static GeographyVersion? Edition(string? geography, string field, out IResult? problem)
    {
        var version = geography is null ? GeographyVersions.Default : GeographyVersions.Find(geography);
        problem = version is null
            ? Invalid(field, GeographyVersions.UnknownMessage(geography))
            : null;
        return version;
    }

    /// <summary>A 400 problem naming <paramref name="field"/>.</summary>
    internal static IResult Invalid(string field, params string[] messages) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = messages }, detail: messages[0], title: "The request is invalid");

    /// <summary>The zone of a commune's loaded outline, or null.</summary>
    internal static Zone? CommuneZone(GeographySnapshot snapshot, string insee)
    {
        var commune = snapshot.FindCommune(insee);
        return commune?.Outline is null ? null : ZoneValidator.Validate(commune.Insee, commune.Outline, out _) is { } zone ? zone with { Name = commune.Name } : null;
    }

    private static async Task<IResult> MeasureBody(
        HttpContext context, IOptions<GeographieOptions> options, string? geography, string? format, string? crs, string? id)
    {
        var snapshot = context.LoadedSnapshot();
        var limits = options.Value;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limits.MaxOverlapBodyBytes;
        }

        if (context.Request.ContentLength > limits.MaxOverlapBodyBytes)
        {
            return TypedResults.Problem($"The body is larger than the limit of {limits.MaxOverlapBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var version = Edition(geography, "geography", out var problem);
        var chosen = OverlapFormats.Negotiate(context.Request, format);
        if (problem is not null || chosen is null)
        {
            return problem ?? Invalid("format", $"unknown format '{InputEcho.Quote(format)}'; expected {OverlapFormats.Known}");
        }

        var (reader, fault) = await ZoneReader.OpenAsync(context.Request.Body, crs, id, context.RequestAborted);
        if (reader is null)
        {
            return Invalid("body", fault!);
        }

        using (reader)
        {
            if (reader.Count > limits.MaxOverlapZones)
            {
                return TypedResults.Problem($"The body holds {reader.Count} zones; the limit is {limits.MaxOverlapZones}.", statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            // Every zone is checked before the first byte of the answer: a 400 must not follow a 200.
            var faults = new List<string>();
            for (var i = 0; i < reader.Count && faults.Count < MaxFaultsListed; i++)
            {
                if (reader.Read(i, out var zoneProblem) is null)
                {
                    faults.Add(zoneProblem!);
                }
            }

            if (faults.Count > 0)
            {
                return Invalid("zones", [.. faults]);
            }

            await StreamAsync(context, snapshot, version!, chosen.Value, OverlapFormats.Dialect(format), reader.Count, i => reader.Read(i, out _)!);
            return TypedResults.Empty;
        }
    }

    private static async Task<IResult> MeasureCommune(HttpContext context, string? commune, string? geography, string? format)
    {
        var snapshot = context.LoadedSnapshot();
        var version = Edition(geography, "geography", out var problem);
        var chosen = OverlapFormats.Negotiate(context.Request, format);
        if (problem is not null || chosen is null || string.IsNullOrWhiteSpace(commune))
        {
            return problem ?? (chosen is null
                ? Invalid("format", $"unknown format '{InputEcho.Quote(format)}'; expected {OverlapFormats.Known}")
                : Invalid("commune", "commune (an INSEE code) is required; POST a GeoJSON zone to /v1/overlaps for any other zone"));
        }

        var zone = CommuneZone(snapshot, commune.Trim());
        if (zone is null)
        {
            return TypedResults.Problem($"No commune outline '{commune}' is loaded; GET /v1/overlaps/communes lists those that are.", statusCode: StatusCodes.Status404NotFound);
        }

        await StreamAsync(context, snapshot, version!, chosen.Value, OverlapFormats.Dialect(format), 1, _ => zone);
        return TypedResults.Empty;
    }

    private static async Task<IResult> MeasureCommunes(HttpContext context, string? geography, string? format, string? departement)
    {
        var snapshot = context.LoadedSnapshot();
        var version = Edition(geography, "geography", out var problem);
        var chosen = OverlapFormats.Negotiate(context.Request, format);
        if (problem is not null || chosen is null)
        {
            return problem ?? Invalid("format", $"unknown format '{InputEcho.Quote(format)}'; expected {OverlapFormats.Known}");
        }

        var communes = snapshot.OutlinedCommunes.Where(c => departement is null || c.Departement == departement).ToArray();
        await StreamAsync(context, snapshot, version!, chosen.Value, OverlapFormats.Dialect(format), communes.Length, i => CommuneZone(snapshot, communes[i].Insee)!);
        return TypedResults.Empty;
    }

    private static async Task StreamAsync(HttpContext context, GeographySnapshot snapshot, GeographyVersion version, OverlapFormat format, CsvDialect dialect, int count, Func<int, Zone> zone)
    {
        var cancel = context.RequestAborted;
        var withGeometry = format == OverlapFormat.GeoJson;
        await using var writer = await OverlapWriter.StartAsync(context.Response, format, dialect, version.Code);
        var answers = new ZoneOverlap[ChunkZones];
        for (var start = 0; start < count; start += ChunkZones)
        {
            var n = Math.Min(ChunkZones, count - start);
            Parallel.For(0, n, new ParallelOptions { CancellationToken = cancel },
                i => answers[i] = OverlapCalculator.Measure(snapshot, version, zone(start + i), withGeometry));
            for (var i = 0; i < n; i++)
            {
                await writer.WriteAsync(answers[i], cancel);
                answers[i] = null!;
            }

            await writer.FlushAsync(cancel);
        }
    }
}
