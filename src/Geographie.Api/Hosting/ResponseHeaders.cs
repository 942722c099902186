namespace Geographie.Api.Hosting;

/// <summary>
/// Headers every answer carries: <c>X-Content-Type-Options: nosniff</c> (a browser never reads an answer as another
/// type than the one declared), and on HTML pages (the map) a Content-Security-Policy that allows only this origin:
/// the page, MapLibre and the tiles are all served from here, MapLibre's workers start from blob: URLs and it sets
/// inline styles on the elements it draws. A configured basemap (<see cref="MapPageOptions.BasemapStyleUrl"/>) adds
/// its style's origin to <c>connect-src</c>, where MapLibre fetches the style, its tiles, glyphs and sprites.
/// </summary>
public static class ResponseHeaders
{
    /// <summary>The policy of the map page without basemap (the default, offline).</summary>
    public const string MapPagePolicy = PolicyStart + "'self'" + PolicyEnd;

    private const string PolicyStart =
        "default-src 'self'; script-src 'self'; worker-src 'self' blob:; child-src 'self' blob:; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; connect-src ";

    private const string PolicyEnd = "; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The policy of the map page when it may also fetch from <paramref name="basemapOrigin"/> (null: none).</summary>
    public static string MapPagePolicyWith(string? basemapOrigin) =>
        basemapOrigin is null ? MapPagePolicy : PolicyStart + "'self' " + basemapOrigin + PolicyEnd;

    /// <summary>Adds the headers to every answer of the pipeline after this call.</summary>
    /// <param name="app">The pipeline.</param>
    /// <param name="basemapOrigin">The basemap's origin the map page may fetch from; null: this origin only.</param>
    public static IApplicationBuilder UseResponseHeaders(this IApplicationBuilder app, string? basemapOrigin = null)
    {
        var policy = MapPagePolicyWith(basemapOrigin);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    headers.ContentSecurityPolicy = policy;
                }
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
