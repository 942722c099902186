using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Geographie.Api.Http.OpenApi;

/// <summary>
/// Schemas the type alone does not tell: a NetTopologySuite geometry is written as GeoJSON (see
/// <see cref="GeoJsonSchemas"/>), and an answer's status is one of the proto's names.
/// </summary>
public sealed class ConventionsSchemaTransformer : IOpenApiSchemaTransformer
{
    /// <summary>The statuses of an answer, as every wire writes them.</summary>
    public static readonly string[] Statuses = ["INSIDE", "OUTSIDE", "NEAR", "UNCERTAIN", "UNKNOWN", "INVALID"];

    /// <inheritdoc />
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (typeof(NetTopologySuite.Geometries.Geometry).IsAssignableFrom(type))
        {
            var geometry = GeoJsonSchemas.Geometry();
            schema.Type = geometry.Type | (schema.Type & JsonSchemaType.Null);
            schema.Description = geometry.Description;
            schema.Required = geometry.Required;
            schema.Properties = geometry.Properties;
            schema.AdditionalProperties = null;
        }
        else if (type == typeof(EligibilityResponse) && schema.Properties?.TryGetValue("status", out var property) == true && property is OpenApiSchema status)
        {
            status.Enum = Statuses.Select(s => (JsonNode)JsonValue.Create(s)).ToList();
            status.Description = "INSIDE, OUTSIDE, NEAR (within near_distance_m), UNCERTAIN (a boundary within position_uncertainty_m), UNKNOWN (no perimeter loaded here), INVALID (the point cannot be read).";
        }
        return Task.CompletedTask;
    }
}
