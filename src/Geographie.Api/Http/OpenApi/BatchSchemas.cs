using System.Text.Json.Nodes;
using Geographie.Domain.Geography;
using Microsoft.OpenApi;

namespace Geographie.Api.Http.OpenApi;

/// <summary>
/// The bodies of the eligibility batch and summary, described by hand because the handlers read them by hand
/// (<see cref="JsonBatchItem"/>): a JSON array of points, or CSV text with a header row (streamed both ways).
/// </summary>
public static class BatchSchemas
{
    /// <summary>The component name of one point of a JSON batch.</summary>
    public const string PointId = "BatchPoint";

    /// <summary>The media types of a CSV body or answer.</summary>
    public static readonly string[] CsvTypes = ["text/csv", "application/csv"];

    /// <summary>Adds the point schema to <paramref name="document"/> once.</summary>
    public static void EnsureSchemas(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        OpenApiSchema Number(string description) => new() { Type = JsonSchemaType.Number | JsonSchemaType.Null, Format = "double", Description = description };
        document.Components.Schemas.TryAdd(PointId, new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "One point: lon and lat (WGS84) or x and y (Lambert-93); the other fields override the query string's for this point. " +
                "Numbers may also be sent as strings; an unknown field refuses the batch (400 naming it).",
            AdditionalPropertiesAllowed = false,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["id"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "Your identifier, returned as is (any JSON scalar)." },
                ["lon"] = Number("Longitude in degrees, WGS84."),
                ["lat"] = Number("Latitude in degrees, WGS84."),
                ["x"] = Number("Easting in metres, Lambert-93."),
                ["y"] = Number("Northing in metres, Lambert-93."),
                ["geography"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String | JsonSchemaType.Null,
                    Enum = GeographyVersions.All.Select(v => (JsonNode)JsonValue.Create(v.Code)).ToList(),
                },
                ["date"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Format = "date" },
                ["nearDistanceM"] = Number("As near_distance_m (also accepted under that name)."),
                ["positionUncertaintyM"] = Number("As position_uncertainty_m (also accepted under that name)."),
            },
        });
    }

    /// <summary>The JSON array body.</summary>
    public static OpenApiMediaType JsonBody(OpenApiDocument document) => new()
    {
        Schema = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchemaReference(PointId, document) },
    };

    /// <summary>A CSV body or answer: text with a header row.</summary>
    public static OpenApiMediaType CsvText(string description) => new()
    {
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = description },
    };
}
