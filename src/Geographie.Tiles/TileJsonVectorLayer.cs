namespace Geographie.Tiles;

/// <summary>One entry of TileJSON <c>vector_layers</c>. Immutable.</summary>
/// <param name="Id">Layer name, as in the tiles.</param>
/// <param name="Fields">Attribute name → type/description text, e.g. <c>"Number: count of projects"</c>.</param>
/// <param name="MinZoom">First zoom where the layer appears.</param>
/// <param name="MaxZoom">Last zoom where the layer appears.</param>
/// <param name="Description">Free text, optional.</param>
public sealed record TileJsonVectorLayer(
    string Id, IReadOnlyDictionary<string, string> Fields, int MinZoom = 0, int MaxZoom = 20, string? Description = null)
{
    /// <summary>
    /// Describes <paramref name="layer"/>: every property key seen on its features, typed <c>String</c>, <c>Number</c>
    /// or <c>Boolean</c> from the first non-null value, followed by <c>": description"</c> when
    /// <paramref name="fieldDescriptions"/> has one. Keys are sorted ordinally so the document is stable.
    /// </summary>
    public static TileJsonVectorLayer FromLayer(
        TileLayer layer, string? description = null, IReadOnlyDictionary<string, string>? fieldDescriptions = null)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var types = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (TileFeature feature in layer.Features)
        {
            foreach ((string key, object? value) in feature.Properties)
            {
                if (value is not null && !types.ContainsKey(key))
                {
                    types[key] = value switch
                    {
                        string => "String",
                        bool => "Boolean",
                        _ => "Number",
                    };
                }
            }
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string key, string type) in types)
        {
            fields[key] = fieldDescriptions is not null && fieldDescriptions.TryGetValue(key, out string? text) ? $"{type}: {text}" : type;
        }

        return new TileJsonVectorLayer(layer.Name, fields, layer.MinZoom, layer.MaxZoom, description);
    }
}
