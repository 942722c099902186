using Geographie.Api.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Geographie.Api.Hosting;

/// <summary>
/// Completes every problem details answer: a status the framework answers on its own (404 for an unknown route, 405
/// for a method the route does not have, 415…) gets a detail that says what is wrong, and no answer carries
/// exception data. Used as <see cref="ProblemDetailsOptions.CustomizeProblemDetails"/>.
/// </summary>
public static class ProblemDefaults
{
    /// <summary>Fills the detail when none was given.</summary>
    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Extensions.Remove("exception");
        if (problem.Detail is not null)
        {
            return;
        }
        var request = context.HttpContext.Request;
        var path = InputEcho.Quote(request.Path.Value);
        problem.Detail = (problem.Status ?? context.HttpContext.Response.StatusCode) switch
        {
            StatusCodes.Status404NotFound => $"Nothing is served at '{path}'; the routes are listed in /openapi/v1.json.",
            StatusCodes.Status405MethodNotAllowed =>
                $"{InputEcho.Quote(request.Method)} is not allowed on '{path}'; allowed: {context.HttpContext.Response.Headers.Allow}.",
            StatusCodes.Status415UnsupportedMediaType =>
                $"Content-Type '{InputEcho.Quote(request.ContentType)}' is not accepted on '{path}'; send {AcceptedTypes(context.HttpContext)}.",
            StatusCodes.Status400BadRequest => $"The request to '{path}' cannot be read.",
            _ => null,
        };
    }

    // Routing refuses a Content-Type outside an endpoint's Accepts before the endpoint runs, so the endpoint is not at
    // hand here: its route is found again among those of the same path. The body routes have no route parameters.
    private static string AcceptedTypes(HttpContext context)
    {
        var path = context.Request.Path.Value?.TrimEnd('/') ?? string.Empty;
        var types = context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => string.Equals("/" + e.RoutePattern.RawText?.Trim('/'), path, StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => e.Metadata.GetOrderedMetadata<IAcceptsMetadata>().SelectMany(a => a.ContentTypes))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        return types.Length > 0 ? string.Join(" or ", types) : "a body of the type this route documents in /openapi/v1.json";
    }
}
