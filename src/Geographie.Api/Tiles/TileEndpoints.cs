using Geographie.Api.Http;
using Geographie.Api.Texts;
using Geographie.Domain.Texts;
using Geographie.Tiles;
using Microsoft.Net.Http.Headers;

namespace Geographie.Api.Tiles;

/// <summary>
/// Vector tiles (v1). <c>GET /tiles/{z}/{x}/{y}.mvt[?geography=&amp;defi=&amp;orientation=&amp;registre=]</c>:
/// 200 <c>application/vnd.mapbox-vector-tile</c> (gzip when accepted), 204 for an empty tile, 304 when
/// <c>If-None-Match</c> matches the ETag (one per encoding: gzip and identity bytes differ), 400 for z/x/y out of range or an unknown filter value, 503 before
/// data loads. <c>GET /tiles/tiles.json</c>: TileJSON 3.0.0. CORS as every route (see HttpConventions).
/// </summary>
public static class TileEndpoints
{
    private const string MvtType = "application/vnd.mapbox-vector-tile";

    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapTileEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/tiles").WithTags("tiles").RequireSnapshot();
        group.MapGet("/{z}/{x}/{y}.mvt", GetTile).Produces(200, contentType: MvtType).Produces(204).Produces(304);
        group.MapGet("/tiles.json", GetTileJson);
        return routes;
    }

    private static IResult GetTile(
        HttpContext context, TileService tiles, string z, string x, string y,
        string? geography, string? defi, string? orientation, string? registre)
    {
        var snapshot = context.LoadedSnapshot();
        var headers = context.Response.Headers;
        var language = RequestLanguage.Of(context.Request);
        var addressProblem = ParseAddress(language, z, x, y, out var address);
        if (addressProblem is not null)
        {
            return TypedResults.Problem(addressProblem, statusCode: StatusCodes.Status400BadRequest, title: language.Say(EdgeText.TileAddressTitle));
        }
        var filter = TileFilter.TryParse(language, snapshot.Contrat, geography, defi, orientation, registre, out var errors);
        if (filter is null)
        {
            return TypedResults.ValidationProblem(errors, title: language.Say(EdgeText.TileFilterTitle));
        }
        var tile = tiles.Source(snapshot, filter).GetTile(address);
        var request = context.Request.GetTypedHeaders();
        // "gzip;q=0" refuses gzip: only a positive quality accepts it.
        var gzip = tile.Gzip is not null && request.AcceptEncoding.Any(e =>
            e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && e.Quality is not <= 0);
        // Different bytes, different strong tag: a cache must not answer an identity request with gzip bytes.
        var etag = gzip ? new EntityTagHeaderValue(tile.ETag.Insert(tile.ETag.Length - 1, "-gzip")) : new EntityTagHeaderValue(tile.ETag);
        headers.ETag = etag.ToString();
        headers.CacheControl = "public, max-age=60, must-revalidate";
        headers.Vary = HeaderNames.AcceptEncoding;
        if (request.IfNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        if (tile.IsEmpty)
        {
            return TypedResults.NoContent();
        }
        if (gzip)
        {
            headers.ContentEncoding = "gzip";
        }
        return TypedResults.Bytes(gzip ? tile.Gzip! : tile.Raw!, MvtType);
    }

    // The core's range message is English; the edge says it in the request's language.
    private static string? ParseAddress(Language language, string z, string x, string y, out TileAddress address)
    {
        address = default;
        if (!int.TryParse(z, out var zi) || !int.TryParse(x, out var xi) || !int.TryParse(y, out var yi))
        {
            return language.Say(EdgeText.TileNotIntegers, InputEcho.Quote(z), InputEcho.Quote(x), InputEcho.Quote(y));
        }
        return TileAddress.TryCreate(zi, xi, yi, out address, out _) ? null : language.Say(EdgeText.TileOutOfRange, zi, xi, yi, TileAddress.MaxZoom);
    }

    private static IResult GetTileJson(HttpContext context, TileService tiles)
    {
        var snapshot = context.LoadedSnapshot();
        var filter = new TileFilter(Domain.Geography.GeographyVersions.Default, null, null, null);
        var url = $"{context.Request.Scheme}://{context.Request.Host}/tiles/{{z}}/{{x}}/{{y}}.mvt";
        return TypedResults.Text(tiles.Source(snapshot, filter).GetTileJson(url), "application/json");
    }
}
