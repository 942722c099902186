namespace Geographie.Api.Hosting;

/// <summary>Settings of the map page (section <c>Geographie:Map</c>), handed to the page by <c>/map-config.json</c>.</summary>
public sealed class MapPageOptions
{
    /// <summary>
    /// URL of a MapLibre style drawn under the QPV layers, for deployments that reach a basemap server; unset (the
    /// default) keeps the page whole offline: no request leaves the service. An absolute http(s) URL; its origin is
    /// added to the page's Content-Security-Policy, so the style's tiles, glyphs and sprites must be on that origin.
    /// </summary>
    public string? BasemapStyleUrl { get; set; }

    /// <summary>The configured style URL, or null when none is set.</summary>
    /// <exception cref="InvalidOperationException">The URL is not absolute http(s): the start-up stops with the setting's
    /// name rather than serve a page that silently draws no basemap.</exception>
    public Uri? BasemapStyle()
    {
        if (string.IsNullOrWhiteSpace(BasemapStyleUrl))
        {
            return null;
        }
        return Uri.TryCreate(BasemapStyleUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new InvalidOperationException(
                $"Geographie:Map:BasemapStyleUrl must be an absolute http(s) URL of a MapLibre style, not '{BasemapStyleUrl}'.");
    }
}
