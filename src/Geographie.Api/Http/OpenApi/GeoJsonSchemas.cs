using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Geographie.Api.Http.OpenApi;

/// <summary>
/// GeoJSON (RFC 7946) as the OpenAPI document shows it: a perimeter is a Geometry, and the GeoJSON answers (overlaps
/// with <c>format=geojson</c>) are FeatureCollections. Coordinates stay arrays of numbers nested by geometry type, the
/// one shape every generator can read.
/// </summary>
public static class GeoJsonSchemas
{
    /// <summary>The component name of a geometry.</summary>
    public const string GeometryId = "GeoJsonGeometry";

    /// <summary>The component name of a feature collection.</summary>
    public const string FeatureCollectionId = "GeoJsonFeatureCollection";

    private static readonly string[] GeometryTypes = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"];

    /// <summary>The schema of a GeoJSON geometry (without GeometryCollection, which no answer holds).</summary>
    public static OpenApiSchema Geometry() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "A GeoJSON geometry (RFC 7946), WGS84 longitude/latitude.",
        Required = new HashSet<string> { "type", "coordinates" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = GeometryTypes.Select(t => (JsonNode)JsonValue.Create(t)).ToList() },
            ["coordinates"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "Positions ([lon, lat]) nested one level per type: Point 0, LineString and MultiPoint 1, Polygon 2, MultiPolygon 3.",
                Items = new OpenApiSchema(),
            },
        },
    };

    /// <summary>Adds the geometry and feature collection schemas to <paramref name="document"/> once.</summary>
    public static void EnsureSchemas(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd(GeometryId, Geometry());
        document.Components.Schemas.TryAdd(FeatureCollectionId, new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "A GeoJSON FeatureCollection (RFC 7946).",
            Required = new HashSet<string> { "type", "features" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("FeatureCollection")] },
                ["features"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Items = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "type", "geometry", "properties" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("Feature")] },
                            ["id"] = new OpenApiSchema { Type = JsonSchemaType.String },
                            ["geometry"] = new OpenApiSchemaReference(GeometryId, document),
                            ["properties"] = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalPropertiesAllowed = true },
                        },
                    },
                },
            },
        });
    }
}
