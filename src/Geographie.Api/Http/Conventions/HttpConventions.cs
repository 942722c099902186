using System.IO.Compression;
using Geographie.Api.Hosting;
using Geographie.Api.Texts;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.ResponseCompression;

namespace Geographie.Api.Http.Conventions;

/// <summary>
/// The HTTP conventions every REST, OGC, tile, map and health route follows (docs/rest.md, "Conventions"): CORS,
/// response compression, problem details for the framework's own binding failures, and <c>HEAD</c> wherever there is
/// <c>GET</c>. Reference data adds its validators with <see cref="DataRevisionCaching"/>.
/// </summary>
public static class HttpConventions
{
    /// <summary>The media types compressed: text answers only; tiles come gzipped from the tile cache already.</summary>
    public static readonly string[] CompressedTypes =
    [
        "application/json", "application/geo+json", "application/problem+json", "application/schema+json",
        "text/csv", "text/plain", "text/html", "text/css", "text/javascript",
    ];

    /// <summary>Request headers a cross-origin page may send (Content-Type for the JSON and CSV batches).</summary>
    public static readonly string[] CorsRequestHeaders = ["Content-Type", "Accept", "Accept-Language", "If-None-Match"];

    /// <summary>Response headers a cross-origin page may read besides the safelisted ones.</summary>
    public static readonly string[] CorsExposedHeaders = ["ETag", "Content-Disposition", "Allow"];

    /// <summary>Registers CORS (the default policy), response compression and binding failures as exceptions.</summary>
    public static IServiceCollection AddHttpConventions(this IServiceCollection services, CorsSettings cors)
    {
        services.AddCors(options => options.AddDefaultPolicy(policy =>
        {
            // No credentials ever: the service has no cookies or accounts, so an open read grants nothing a
            // server-side request could not get, and "*" is what browsers accept without credentials.
            _ = cors.Origins is { Length: > 0 } origins ? policy.WithOrigins(origins) : policy.AllowAnyOrigin();
            policy.WithMethods(HttpMethods.Get, HttpMethods.Head, HttpMethods.Post)
                .WithHeaders(CorsRequestHeaders)
                .WithExposedHeaders(CorsExposedHeaders)
                .SetPreflightMaxAge(TimeSpan.FromHours(1));
        }));
        services.AddResponseCompression(options =>
        {
            // The answers hold public data only, so compression over TLS leaks no secret (BREACH needs one).
            options.EnableForHttps = true;
            options.MimeTypes = CompressedTypes;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        // Fastest: a streamed CSV batch is compressed as it flushes, and the answers are small or regular.
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        // A parameter the framework cannot bind (a typed route value, a missing body) throws BadHttpRequestException
        // naming it, which EdgeErrorMiddleware answers as problem details instead of an empty 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>Adds compression and CORS to the pipeline (after the listener separation: the gRPC port has neither).</summary>
    public static IApplicationBuilder UseHttpConventions(this IApplicationBuilder app) =>
        app.UseResponseCompression().UseCors();

    /// <summary>
    /// Refuses a body without a Content-Type on every endpoint of <paramref name="builder"/> that declares the types it
    /// accepts: 415 naming them. (Routing itself answers 415 to a type outside the list, but lets a missing one through.)
    /// </summary>
    public static TBuilder RequireContentType<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter((invocation, next) =>
        {
            var context = invocation.HttpContext;
            if (!string.IsNullOrEmpty(context.Request.ContentType)
                || context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAcceptsMetadata>().SelectMany(a => a.ContentTypes).Distinct().ToArray() is not { Length: > 0 } accepted)
            {
                return next(invocation);
            }
            var language = RequestLanguage.Of(context.Request);
            return ValueTask.FromResult<object?>(TypedResults.Problem(
                language.Say(EdgeText.ContentTypeMissing, string.Join($" {language.Say(EdgeText.Or)} ", accepted)),
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: language.Say(EdgeText.UnsupportedMediaTypeTitle)));
        });

    /// <summary>
    /// Lets every <c>GET</c> endpoint of <paramref name="builder"/> answer <c>HEAD</c> too (the server sends the
    /// headers without the body), so a <c>HEAD</c> is never a 404 or a 405.
    /// </summary>
    public static TBuilder AnswerHeadLikeGet<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault() is { } methods
                && methods.HttpMethods.Contains(HttpMethods.Get) && !methods.HttpMethods.Contains(HttpMethods.Head))
            {
                endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head], methods.AcceptCorsPreflight));
            }
        });
        return builder;
    }
}
