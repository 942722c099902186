namespace Geographie.Api.Hosting;

/// <summary>
/// Headers every answer carries: <c>X-Content-Type-Options: nosniff</c> (a browser never reads an answer as another
/// type than the one declared), and on HTML pages (the map) a Content-Security-Policy that allows only this origin:
/// the page, MapLibre and the tiles are all served from here, MapLibre's workers start from blob: URLs and it sets
/// inline styles on the elements it draws.
/// </summary>
public static class ResponseHeaders
{
    /// <summary>The policy of the map page.</summary>
    public const string MapPagePolicy =
        "default-src 'self'; script-src 'self'; worker-src 'self' blob:; child-src 'self' blob:; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Adds the headers to every answer of the pipeline after this call.</summary>
    public static IApplicationBuilder UseResponseHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                headers.ContentSecurityPolicy = MapPagePolicy;
            }
            return Task.CompletedTask;
        });
        return next(context);
    });
}
