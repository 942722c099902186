using Geographie.Api.Http;
using Geographie.Api.Texts;
using Geographie.Domain.Texts;
using Microsoft.AspNetCore.Http.Metadata;

namespace Geographie.Api.Hosting;

/// <summary>
/// Completes every problem details answer in the request's language (French unless <c>?lang=en</c> or
/// <c>Accept-Language</c> asks for English): a status the framework answers on its own (404 for an unknown route, 405
/// for a method the route does not have, 415, 503…) gets a detail that says what is wrong, a title the framework filled
/// with its English default gets the catalogue's, and no answer carries exception data. Used as
/// <see cref="ProblemDetailsOptions.CustomizeProblemDetails"/>.
/// </summary>
public static class ProblemDefaults
{
    // What ASP.NET Core writes when a problem has no title of its own (ProblemDetailsDefaults and ValidationProblem).
    private static readonly HashSet<string> FrameworkTitles = new(StringComparer.Ordinal)
    {
        "Bad Request", "Not Found", "Method Not Allowed", "Unsupported Media Type", "Content Too Large", "Payload Too Large",
        "Gone", "Too Many Requests", "An error occurred while processing your request.", "Service Unavailable",
        "One or more validation errors occurred.", "Request Header Fields Too Large", "URI Too Long", "Not Acceptable",
    };

    /// <summary>Fills the title and the detail when none was given (a validation problem's detail is its first field message).</summary>
    public static void Complete(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Extensions.Remove("exception");
        var http = context.HttpContext;
        var language = RequestLanguage.Of(http.Request);
        var status = problem.Status ?? http.Response.StatusCode;
        if (problem.Title is null || FrameworkTitles.Contains(problem.Title))
        {
            problem.Title = Title(status, problem is HttpValidationProblemDetails) is { } title ? language.Say(title) : problem.Title;
        }
        if (problem.Detail is not null)
        {
            return;
        }
        if (problem is HttpValidationProblemDetails { Errors.Count: > 0 } validation)
        {
            // The field messages are already in the request's language; the first says what is wrong.
            problem.Detail = validation.Errors.First().Value.FirstOrDefault();
            return;
        }
        var path = InputEcho.Quote(http.Request.Path.Value);
        problem.Detail = status switch
        {
            StatusCodes.Status404NotFound => language.Say(EdgeText.RouteNotFound, path),
            StatusCodes.Status405MethodNotAllowed => language.Say(EdgeText.MethodNotAllowed, InputEcho.Quote(http.Request.Method), path, http.Response.Headers.Allow),
            StatusCodes.Status415UnsupportedMediaType =>
                language.Say(EdgeText.MediaTypeNotAccepted, InputEcho.Quote(http.Request.ContentType), path, AcceptedTypes(http, language)),
            StatusCodes.Status400BadRequest => language.Say(EdgeText.RequestUnreadable, path),
            StatusCodes.Status503ServiceUnavailable => language.Say(EdgeText.NotLoaded),
            _ => null,
        };
    }

    private static EdgeText? Title(int status, bool validation) => status switch
    {
        StatusCodes.Status400BadRequest => validation ? EdgeText.RequestInvalidTitle : EdgeText.TitleBadRequest,
        StatusCodes.Status404NotFound => EdgeText.TitleNotFound,
        StatusCodes.Status405MethodNotAllowed => EdgeText.TitleMethodNotAllowed,
        StatusCodes.Status410Gone => EdgeText.TitleGone,
        StatusCodes.Status413PayloadTooLarge => EdgeText.BodyTooLargeTitle,
        StatusCodes.Status414UriTooLong => EdgeText.TitleUriTooLong,
        StatusCodes.Status415UnsupportedMediaType => EdgeText.UnsupportedMediaTypeTitle,
        StatusCodes.Status429TooManyRequests => EdgeText.TitleTooManyRequests,
        StatusCodes.Status431RequestHeaderFieldsTooLarge => EdgeText.TitleHeadersTooLarge,
        StatusCodes.Status500InternalServerError => EdgeText.TitleServerError,
        StatusCodes.Status503ServiceUnavailable => EdgeText.NotLoadedTitle,
        _ => null,
    };

    // Routing refuses a Content-Type outside an endpoint's Accepts before the endpoint runs, so the endpoint is not at
    // hand here: its route is found again among those of the same path. The body routes have no route parameters.
    private static string AcceptedTypes(HttpContext context, Language language)
    {
        var path = context.Request.Path.Value?.TrimEnd('/') ?? string.Empty;
        var types = context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => string.Equals("/" + e.RoutePattern.RawText?.Trim('/'), path, StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => e.Metadata.GetOrderedMetadata<IAcceptsMetadata>().SelectMany(a => a.ContentTypes))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        return types.Length > 0 ? string.Join($" {language.Say(EdgeText.Or)} ", types) : language.Say(EdgeText.MediaTypeAsDocumented);
    }
}
