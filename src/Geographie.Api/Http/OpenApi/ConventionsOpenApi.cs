using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Geographie.Api.Http.OpenApi;

/// <summary>
/// The OpenAPI documents (<c>/openapi/v1.json</c> for REST, tiles and health; <c>/openapi/ogc.json</c> for OGC API
/// Features), both OpenAPI 3.0, the version every client generator reads, and both completed by the same transformers.
/// </summary>
public static class ConventionsOpenApi
{
    /// <summary>The name of the REST document.</summary>
    public const string RestDocument = "v1";

    /// <summary>Registers both documents.</summary>
    public static IServiceCollection AddGeographieOpenApi(this IServiceCollection services, string ogcDocument)
    {
        services.AddOpenApi(RestDocument, options =>
        {
            Describe(options);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Geographie",
                    Version = RestDocument,
                    Description = "QPV eligibility of points, the quartiers and the Contrat de ville, overlaps, vector tiles. " +
                        "Conventions (CORS, ETag, compression, HEAD, errors as RFC 9457 problem details): docs/rest.md.",
                };
                return Task.CompletedTask;
            });
        });
        services.AddOpenApi(ogcDocument, Describe);
        return services;
    }

    private static void Describe(OpenApiOptions options)
    {
        options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
        options.AddOperationTransformer<ConventionsOperationTransformer>();
        options.AddSchemaTransformer<ConventionsSchemaTransformer>();
        // HEAD answers wherever GET does (HttpConventions.AnswerHeadLikeGet); listing it twice would double every client method.
        options.AddDocumentTransformer((document, _, _) =>
        {
            foreach (var path in (document.Paths ?? []).Values.OfType<OpenApiPathItem>())
            {
                path.Operations?.Remove(HttpMethod.Head);
            }
            return Task.CompletedTask;
        });
    }
}
