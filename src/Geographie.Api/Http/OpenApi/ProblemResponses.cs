using Microsoft.OpenApi;

namespace Geographie.Api.Http.OpenApi;

/// <summary>
/// The RFC 9457 problem details schema (<c>ProblemDetails</c> in the components) and the error answers that carry it,
/// with what each status means on this API.
/// </summary>
public static class ProblemResponses
{
    /// <summary>The component name of the schema.</summary>
    public const string SchemaId = "ProblemDetails";

    /// <summary>The media type of every error answer.</summary>
    public const string MediaType = "application/problem+json";

    /// <summary>The statuses every operation may answer with problem details, and why.</summary>
    public static readonly IReadOnlyDictionary<string, string> Common = new Dictionary<string, string>
    {
        ["400"] = "A parameter or the body is wrong; the detail (and errors, per field) names it.",
        ["404"] = "Nothing is served at this path, or the code or id named is unknown.",
        ["405"] = "The method is not allowed on this path; the Allow header lists those that are.",
        ["503"] = "The data is not loaded yet; see /readyz.",
    };

    /// <summary>The statuses operations with a body may answer besides <see cref="Common"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string> WithBody = new Dictionary<string, string>
    {
        ["413"] = "The body is larger than the limit (or holds too many items).",
        ["415"] = "The Content-Type is missing or not one of those accepted; the detail names them.",
    };

    /// <summary>Adds the schema to the components of <paramref name="document"/> once.</summary>
    public static void EnsureSchema(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd(SchemaId, new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Problem details (RFC 9457).",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A URI naming the kind of problem." },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A short summary of the kind of problem." },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status." },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What is wrong with this request." },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request it is about." },
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Per field (parameter, or item and field of a batch), what is wrong with it.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
            },
            AdditionalPropertiesAllowed = true,
        });
    }

    /// <summary>An error answer of <paramref name="document"/> carrying the problem schema.</summary>
    public static OpenApiResponse Response(OpenApiDocument document, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [MediaType] = new() { Schema = new OpenApiSchemaReference(SchemaId, document) },
        },
    };
}
