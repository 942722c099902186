using System.Text.RegularExpressions;
using Geographie.Api.Http.Conventions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Geographie.Api.Http.OpenApi;

/// <summary>
/// Completes each operation: typed parameters from <see cref="ParameterCatalog"/>, every answer the conventions give
/// (304 on reference data, problem details for 400/404/405/503, and 413/415 where there is a body), CSV bodies as
/// text, JSON batch bodies as arrays of <see cref="BatchSchemas.PointId"/>, GeoJSON bodies as feature collections.
/// </summary>
public sealed class ConventionsOperationTransformer : IOpenApiOperationTransformer
{
    /// <inheritdoc />
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document ?? throw new InvalidOperationException("The transformer needs the document being built.");
        ProblemResponses.EnsureSchema(document);
        var description = context.Description;
        var route = "/" + (description.RelativePath ?? string.Empty).Split('?')[0].TrimEnd('/');
        operation.OperationId ??= OperationId(description.HttpMethod ?? "GET", route);
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            // A parameter described by its route (the OGC items transformer) keeps its own description.
            if (parameter.Description is null && parameter.Name is { } name && ParameterCatalog.Find(route, name) is { } doc)
            {
                parameter.Description = doc.Description;
                parameter.Schema = doc.Schema();
                parameter.Example = doc.ExampleNode();
            }
        }

        operation.Responses ??= new OpenApiResponses();
        var responses = operation.Responses;
        if (description.ActionDescriptor.EndpointMetadata.OfType<DataRevisionCaching.Marker>().Any())
        {
            responses.TryAdd("304", new OpenApiResponse { Description = "Not modified: If-None-Match names the current ETag (the data has not been reloaded since)." });
        }
        var hasBody = operation.RequestBody is not null;
        foreach (var (status, text) in hasBody ? ProblemResponses.Common.Concat(ProblemResponses.WithBody) : ProblemResponses.Common)
        {
            responses.TryAdd(status, ProblemResponses.Response(document, text));
        }

        if (operation.RequestBody is OpenApiRequestBody { Content: { } body })
        {
            DescribeBody(body, document, route);
        }
        if (responses.TryGetValue("200", out var ok) && ok is OpenApiResponse { Content: { } answer })
        {
            DescribeAnswer(answer, document);
        }
        return Task.CompletedTask;
    }

    // GET /v1/quartiers/{code} → GetV1QuartiersByCode: stable, unique per method and route, readable as a client method.
    private static string OperationId(string method, string route)
    {
        var words = Regex.Split(Regex.Replace(route, @"\{(\w+)\}", " By $1 "), "[^A-Za-z0-9]+").Where(w => w.Length > 0);
        return string.Concat(words.Prepend(method.ToLowerInvariant()).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
    }

    private static void DescribeBody(IDictionary<string, OpenApiMediaType> body, OpenApiDocument document, string route)
    {
        var batch = route.StartsWith("/v1/eligibility/", StringComparison.Ordinal);
        foreach (var type in body.Keys.ToArray())
        {
            if (BatchSchemas.CsvTypes.Contains(type))
            {
                body[type] = BatchSchemas.CsvText("CSV with a header row: id, then lon and lat or x and y, optionally geography, date, near_distance_m, position_uncertainty_m.");
            }
            else if (batch && type == "application/json")
            {
                BatchSchemas.EnsureSchemas(document);
                body[type] = BatchSchemas.JsonBody(document);
            }
            else if (type is "application/geo+json" or "application/json")
            {
                GeoJsonSchemas.EnsureSchemas(document);
                body[type] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(GeoJsonSchemas.FeatureCollectionId, document) };
            }
        }
    }

    private static void DescribeAnswer(IDictionary<string, OpenApiMediaType> answer, OpenApiDocument document)
    {
        foreach (var type in answer.Keys.ToArray())
        {
            if (BatchSchemas.CsvTypes.Contains(type))
            {
                answer[type] = BatchSchemas.CsvText("CSV with a header row, one row per answer, in order.");
            }
            else if (type == "application/geo+json")
            {
                GeoJsonSchemas.EnsureSchemas(document);
                answer[type] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(GeoJsonSchemas.FeatureCollectionId, document) };
            }
        }
    }
}
