using Geographie.Api.Http.Conventions;
using Geographie.Api.Texts;
using Geographie.Domain.Contrat;

namespace Geographie.Api.Http;

/// <summary>
/// Read-only REST over the Contrat de ville (v1): défis, orientations, projets (with filters), chantiers,
/// délibérations. 400 with problem details for an unknown filter value; 404 for an unknown id; 503 before data loads.
/// </summary>
public static class ContratEndpoints
{
    /// <summary>Maps the routes under <c>/v1</c>.</summary>
    public static IEndpointRouteBuilder MapContratEndpoints(this IEndpointRouteBuilder routes)
    {
        var v1 = routes.MapGroup("/v1").WithTags("contrat").CachedByDataRevision().RequireSnapshot();
        v1.MapGet("/defis", (HttpContext context) => TypedResults.Ok(context.LoadedSnapshot().Contrat.Defis)).Produces<Defi[]>();
        v1.MapGet("/orientations", (HttpContext context) => TypedResults.Ok(context.LoadedSnapshot().Contrat.Orientations)).Produces<Orientation[]>();
        v1.MapGet("/chantiers", (HttpContext context) => TypedResults.Ok(context.LoadedSnapshot().Contrat.Chantiers));
        v1.MapGet("/deliberations", (HttpContext context) => TypedResults.Ok(context.LoadedSnapshot().Contrat.Deliberations));
        v1.MapGet("/projets", ListProjets).Produces<ProjetSummary[]>();
        v1.MapGet("/projets/{id}", GetProjet);
        return routes;
    }

    private static IResult ListProjets(
        HttpContext context, string? orientation, string? registre, string? defi, string? commune, string? quartier)
    {
        var snapshot = context.LoadedSnapshot();
        var language = RequestLanguage.Of(context.Request);
        var contrat = snapshot.Contrat;
        var errors = new Dictionary<string, string[]>();
        void Known(string? value, string name, IEnumerable<string> known)
        {
            var list = known.ToArray();
            if (value is not null && !list.Contains(value, StringComparer.Ordinal))
            {
                errors[name] = [Domain.KnownValues.UnknownMessage(language, name, InputEcho.Quote(value), list)];
            }
        }
        Known(orientation, "orientation", contrat.Orientations.Select(o => o.Id));
        Known(registre, "registre", contrat.Projets.SelectMany(p => p.Registres).Distinct().Order());
        Known(defi, "defi", contrat.Defis.Select(d => d.Id));
        var reached = (Domain.Quartiers.Quartier?)null;
        if (quartier is not null && (reached = snapshot.Edition(Domain.Geography.GeographyVersions.Qpv2024).Find(quartier)) is null)
        {
            errors["quartier"] = [language.Say(EdgeText.Quartier2024Unknown, InputEcho.Quote(quartier))];
        }
        var place = commune is null ? null : snapshot.FindCommuneByInseeOrName(commune);
        if (commune is not null && place is null)
        {
            errors["commune"] = [language.Say(EdgeText.CommuneUnknown, InputEcho.Quote(commune))];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: language.Say(EdgeText.RequestInvalidTitle));
        }
        // The projets reaching the quartier or the commune's quartiers, resolved once rather than per projet.
        var reachingQuartier = reached is null ? null : contrat.ProjetsReaching(reached).ToHashSet();
        var reachingCommune = place is null ? null : snapshot.Edition(Domain.Geography.GeographyVersions.Qpv2024)
            .InCommune(place.Insee).SelectMany(contrat.ProjetsReaching).ToHashSet();
        var filter = new ProjetFilter(orientation, registre, defi);
        var projets = contrat.Projets
            .Where(filter.Keeps)
            .Where(p => reachingQuartier is null || reachingQuartier.Contains(p))
            .Where(p => reachingCommune is null || reachingCommune.Contains(p));
        return TypedResults.Ok(projets.Select(p => p.ToSummary()).ToArray());
    }

    private static IResult GetProjet(HttpContext context, string id)
    {
        var snapshot = context.LoadedSnapshot();
        var language = RequestLanguage.Of(context.Request);
        var projet = snapshot.Contrat.Projets.FirstOrDefault(p => p.Id == id);
        return projet is null
            ? TypedResults.Problem(language.Say(EdgeText.ProjetUnknown, InputEcho.Quote(id)), statusCode: StatusCodes.Status404NotFound, title: language.Say(EdgeText.ProjetUnknownTitle))
            : TypedResults.Ok(new
            {
                projet,
                quartiers = snapshot.QuartiersReachedBy(projet).Select(q => q.ToSummary(snapshot.Contrat)).ToArray(),
            });
    }
}
