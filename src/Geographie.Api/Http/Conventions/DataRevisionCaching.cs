using System.Security.Cryptography;
using System.Text;
using Geographie.Api.Data;
using Microsoft.Net.Http.Headers;

namespace Geographie.Api.Http.Conventions;

/// <summary>
/// Validators for reference data (défis, orientations, projets, quartiers, OGC collections and items): a weak ETag
/// derived from the snapshot's data revision and the request (path, query, Accept, Accept-Language), so it changes
/// with every reload and never names two different answers; <c>Cache-Control: public, no-cache</c>, so a cache may
/// keep the answer but asks each time (a reload can come at any moment); and 304 when <c>If-None-Match</c> names
/// the current ETag. Weak because compression changes the bytes, not the meaning.
/// </summary>
public static class DataRevisionCaching
{
    /// <summary>The Cache-Control of reference data.</summary>
    public const string CacheControl = "public, no-cache";

    /// <summary>Adds the validators to every endpoint of <paramref name="builder"/>.</summary>
    public static TBuilder CachedByDataRevision<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Marker()).AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            if (context.RequestServices.GetRequiredService<GeographyState>().Current is not { } snapshot)
            {
                return await next(invocation);
            }
            var etag = ETagOf(snapshot.Revision, context.Request);
            var response = context.Response;
            if (context.Request.Headers.IfNoneMatch.Any(value => value is not null && Matches(value, etag)))
            {
                SetValidators(response.Headers, etag);
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            }
            response.OnStarting(() =>
            {
                // Only a 200 is a representation to revalidate; a 400 or 404 carries no validator.
                if (response.StatusCode == StatusCodes.Status200OK)
                {
                    SetValidators(response.Headers, etag);
                }
                return Task.CompletedTask;
            });
            return await next(invocation);
        });

    /// <summary>The weak ETag of the answer to <paramref name="request"/> at data revision <paramref name="revision"/>.</summary>
    public static string ETagOf(long revision, HttpRequest request)
    {
        var key = $"{request.Path}{request.QueryString}\n{request.Headers.Accept}\n{request.Headers.AcceptLanguage}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 8));
        return $"W/\"{revision}-{hash}\"";
    }

    /// <summary>Marks the endpoints that answer 304 (for their OpenAPI description).</summary>
    public sealed class Marker;

    private static void SetValidators(IHeaderDictionary headers, string etag)
    {
        headers.ETag = etag;
        headers.CacheControl = CacheControl;
        headers.Vary = $"{HeaderNames.Accept}, {HeaderNames.AcceptEncoding}, {HeaderNames.AcceptLanguage}";
    }

    // If-None-Match compares weakly (RFC 9110 §13.1.2): W/"a" matches "a" and W/"a".
    private static bool Matches(string header, string etag) => header.Split(',').Select(t => t.Trim()).Any(tag =>
        tag == "*" || (tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag) == etag[2..]);
}
