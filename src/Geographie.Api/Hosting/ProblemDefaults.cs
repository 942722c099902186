using Geographie.Api.Http;

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
            StatusCodes.Status415UnsupportedMediaType => $"Content-Type '{InputEcho.Quote(request.ContentType)}' is not accepted on '{path}'.",
            StatusCodes.Status400BadRequest => $"The request to '{path}' cannot be read.",
            _ => null,
        };
    }
}
