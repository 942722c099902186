using Geographie.Api.Http.Conventions;
using Geographie.Api.Texts;
using Geographie.Domain.Geography;
using Geographie.Domain.Quartiers;
using Geographie.Domain.Snapshots;
using Geographie.Domain.Texts;

namespace Geographie.Api.Http;

/// <summary>
/// <c>GET /v1/quartiers?search=&amp;geography=&amp;commune=&amp;limit=</c> (search and commune names in any case, with or
/// without accents; commune by INSEE code or name) and <c>GET /v1/quartiers/{code}</c> (code in any case): the quartier
/// with its perimeter (GeoJSON, when loaded), its défis and the projets and délibérations that reach it.
/// </summary>
public static class QuartierEndpoints
{
    private const int MaxLimit = 2000;

    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapQuartierEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/quartiers").WithTags("quartiers").CachedByDataRevision().RequireSnapshot();
        group.MapGet("/", Search).Produces<QuartierSummary[]>();
        group.MapGet("/{code}", Get).Produces<QuartierDetail>();
        return routes;
    }

    // limit is read as text so that "abc" gets a message naming the parameter, not the framework's empty 400.
    private static IResult Search(HttpRequest http, string? search, string? geography, string? commune, string? limit)
    {
        var snapshot = http.HttpContext.LoadedSnapshot();
        var language = RequestLanguage.Of(http);
        var version = geography is null ? GeographyVersions.Default : GeographyVersions.Find(geography);
        var count = 20;
        var limitOk = limit is null
            || (int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count) && count is >= 1 and <= MaxLimit);
        if (version is null || !limitOk)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [version is null ? "geography" : "limit"] = [version is null
                    ? UnknownGeography(geography, language)
                    : language.Say(EdgeText.LimitInvalid, InputEcho.Quote(limit), MaxLimit)],
            }, title: language.Say(EdgeText.RequestInvalidTitle));
        }
        var edition = snapshot.Edition(version);
        var words = TextFolding.Fold(search ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var inCommune = commune is null ? null : InCommune(snapshot, edition, commune);
        var found = edition.Quartiers
            .Where(q => inCommune is null || inCommune.Contains(q))
            .Where(q => words.All(w => TextFolding.Holds(q.Code, w)
                || TextFolding.Holds(q.Name, w)
                || q.Communes.Any(c => TextFolding.Holds(c.Name, w))))
            .OrderByDescending(q => q.Code.Equals(search, StringComparison.OrdinalIgnoreCase))
            .ThenByDescending(q => snapshot.Contrat.IsInMetropole(q))
            .ThenBy(q => q.Code, StringComparer.Ordinal)
            .Take(count);
        return TypedResults.Ok(found.Select(q => q.ToSummary(snapshot.Contrat)).ToArray());
    }

    private static IResult Get(HttpRequest http, string code, string? geography)
    {
        var snapshot = http.HttpContext.LoadedSnapshot();
        var language = RequestLanguage.Of(http);
        var version = geography is null ? GeographyVersions.OfCode(code) ?? GeographyVersions.Default : GeographyVersions.Find(geography);
        if (version is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["geography"] = [UnknownGeography(geography, language)],
            }, title: language.Say(EdgeText.RequestInvalidTitle));
        }
        var quartier = snapshot.Edition(version).Find(code);
        return quartier is null
            ? TypedResults.Problem(language.Say(EdgeText.QuartierUnknown, InputEcho.Quote(code), version.Code),
                statusCode: StatusCodes.Status404NotFound, title: language.Say(EdgeText.QuartierUnknownTitle))
            : TypedResults.Ok(quartier.ToDetail(snapshot.Contrat));
    }

    // By INSEE code or name; a city holds its arrondissements' quartiers; a commune still named without code matches by name.
    private static HashSet<Quartier> InCommune(GeographySnapshot snapshot, EditionData edition, string commune)
    {
        var insee = snapshot.FindCommuneByInseeOrName(commune)?.Insee ?? commune.Trim();
        var folded = TextFolding.Fold(commune.Trim());
        return edition.InCommune(insee)
            .Concat(edition.Quartiers.Where(q => q.Communes.Any(c => c.Insee is null && TextFolding.Fold(c.Name) == folded)))
            .ToHashSet();
    }

    private static string UnknownGeography(string? geography, Language language) =>
        GeographyVersions.UnknownMessage(language, InputEcho.Quote(geography));
}
