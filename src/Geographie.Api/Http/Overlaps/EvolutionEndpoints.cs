using Geographie.Api.Texts;
using Geographie.Domain.Geography;
using Geographie.Domain.Overlaps;
using Geographie.Domain.Texts;

namespace Geographie.Api.Http.Overlaps;

/// <summary>
/// What changed between two editions (v1, docs/overlaps.md): <c>GET /v1/evolution</c> over everything loaded,
/// <c>GET /v1/evolution?commune=INSEE</c> within a commune's outline, <c>POST /v1/evolution</c> within one GeoJSON zone
/// (Polygon, MultiPolygon, Feature, or a FeatureCollection of one). <c>from</c>/<c>to</c> default to qpv2015/qpv2024.
/// Statuses: 200 JSON; 400 problem details naming the field or the zone's fault; 404 for a commune without a
/// loaded outline; 503 before the data loads.
/// </summary>
public static class EvolutionEndpoints
{
    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapEvolutionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/evolution").WithTags("overlaps").RequireSnapshot();
        group.MapGet("/", Get).Produces<EvolutionResponse>();
        group.MapPost("/", Post).Accepts<object>("application/geo+json", "application/json").Produces<EvolutionResponse>();
        return routes;
    }

    private static IResult Get(HttpContext context, string? from, string? to, string? commune)
    {
        var snapshot = context.LoadedSnapshot();
        var language = RequestLanguage.Of(context.Request);
        if (Editions(language, from, to, out var older, out var newer) is { } problem)
        {
            return problem;
        }

        if (commune is null)
        {
            return TypedResults.Ok(EvolutionResponse.Of(EvolutionCalculator.Everywhere(snapshot, older!, newer!, language), "all", null));
        }

        var zone = snapshot.CommuneZones.Of(commune.Trim(), language);
        return zone is null
            ? OverlapEndpoints.CommuneNotLoaded(language, commune)
            : TypedResults.Ok(EvolutionResponse.Of(EvolutionCalculator.Within(snapshot, older!, newer!, zone, language), "commune", zone.Id));
    }

    private static async Task<IResult> Post(HttpContext context, string? from, string? to, string? crs, string? id)
    {
        var snapshot = context.LoadedSnapshot();
        var language = RequestLanguage.Of(context.Request);
        if (Editions(language, from, to, out var older, out var newer) is { } problem)
        {
            return problem;
        }

        var reader = new ZoneReader(context.Request.Body, crs, id, language);
        var text = await reader.NextAsync(context.RequestAborted);
        var count = await reader.CountAllAsync(context.RequestAborted);
        if (reader.Problem is not null || count != 1)
        {
            return OverlapEndpoints.Invalid(language, "body", reader.Problem ?? language.Say(EdgeText.EvolutionOneZone, count));
        }

        var zone = reader.Read(text!.Value, out var zoneProblem);
        return zone is null
            ? OverlapEndpoints.Invalid(language, "zones", zoneProblem!)
            : TypedResults.Ok(EvolutionResponse.Of(EvolutionCalculator.Within(snapshot, older!, newer!, zone, language), "zone", zone.Id));
    }

    // The editions compared: ?from= (qpv2015 by default) and ?to= (the default edition), or the 400 naming the bad one.
    private static IResult? Editions(Language language, string? from, string? to, out GeographyVersion? older, out GeographyVersion? newer)
    {
        older = OverlapEndpoints.Edition(language, from ?? "qpv2015", "from", out var problem);
        newer = problem is null ? OverlapEndpoints.Edition(language, to, "to", out problem) : null;
        return problem;
    }
}
