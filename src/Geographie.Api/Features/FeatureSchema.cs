using System.Text.Json.Nodes;
using Geographie.Features;

namespace Geographie.Api.Features;

/// <summary>The JSON Schema (2019-09) of a collection's GeoJSON features: each property with its JSON type.</summary>
internal static class FeatureSchema
{
    /// <summary>The schema of <paramref name="layer"/>'s features, identified by <paramref name="id"/> (its URL).</summary>
    public static JsonObject Of(FeatureLayer layer, string id)
    {
        var properties = new JsonObject();
        foreach (var property in layer.Properties)
        {
            properties[property.Name] = new JsonObject
            {
                ["type"] = property.Type.ToString().ToLowerInvariant(),
                ["description"] = property.Description,
            };
        }
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2019-09/schema",
            ["$id"] = id,
            ["title"] = layer.Title,
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["type"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("Feature") },
                ["id"] = new JsonObject { ["type"] = "string" },
                ["geometry"] = new JsonObject { ["$ref"] = "https://geojson.org/schema/MultiPolygon.json" },
                ["properties"] = new JsonObject { ["type"] = "object", ["properties"] = properties },
            },
        };
    }
}
