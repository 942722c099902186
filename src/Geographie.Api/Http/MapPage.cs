using Geographie.Api.Hosting;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Geographie.Api.Http;

/// <summary>
/// The map page at <c>/</c> and MapLibre GL JS under <c>/vendor/maplibre-gl/</c>, served from the <c>wwwroot</c>
/// folder next to the program (no CDN: the page works offline), and the page's settings at <c>/map-config.json</c>.
/// </summary>
public static class MapPage
{
    /// <summary>Where the page reads its settings.</summary>
    public const string ConfigPath = "/map-config.json";

    /// <summary>Serves index.html at / and the static files.</summary>
    public static WebApplication UseMapPage(this WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!Directory.Exists(root))
        {
            return app;
        }
        var files = new PhysicalFileProvider(root);
        var types = new FileExtensionContentTypeProvider();
        // ES modules are refused by browsers under any other type.
        types.Mappings[".mjs"] = "text/javascript";
        types.Mappings[".js"] = "text/javascript";
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = types,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=300",
        });
        return app;
    }

    /// <summary>
    /// Maps <c>GET /map-config.json</c>: <c>{"basemapStyleUrl": null}</c> by default, else the configured style URL
    /// (see <see cref="MapPageOptions.BasemapStyleUrl"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapMapPageConfig(this IEndpointRouteBuilder routes, MapPageOptions options)
    {
        var config = new MapPageConfig(options.BasemapStyle()?.AbsoluteUri);
        routes.MapGet(ConfigPath, () => TypedResults.Ok(config)).WithTags("map").ExcludeFromDescription();
        return routes;
    }

    /// <summary>The body of <c>/map-config.json</c>.</summary>
    /// <param name="BasemapStyleUrl">MapLibre style drawn under the QPV layers; null: none (offline).</param>
    public sealed record MapPageConfig(string? BasemapStyleUrl);
}
