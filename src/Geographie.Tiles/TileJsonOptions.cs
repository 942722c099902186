namespace Geographie.Tiles;

/// <summary>Content of a TileJSON 3.0.0 document (see <see cref="TileJson.Build"/>). Immutable.</summary>
public sealed record TileJsonOptions
{
    /// <summary>Tileset name.</summary>
    public required string Name { get; init; }

    /// <summary>Tile URL templates with <c>{z}</c>, <c>{x}</c>, <c>{y}</c>, e.g. <c>https://host/tiles/qpv/{z}/{x}/{y}.pbf</c>. At least one.</summary>
    public required IReadOnlyList<string> Tiles { get; init; }

    /// <summary>Layers, in tile order.</summary>
    public IReadOnlyList<TileJsonVectorLayer> VectorLayers { get; init; } = [];

    /// <summary>Optional description.</summary>
    public string? Description { get; init; }

    /// <summary>Optional attribution (HTML allowed by the spec).</summary>
    public string? Attribution { get; init; }

    /// <summary>Optional version of the tileset content (e.g. data revision), semver-like text.</summary>
    public string? Version { get; init; }

    /// <summary>WGS84 bounds; when null the whole world (−180, −85.05, 180, 85.05).</summary>
    public TileBounds? Bounds { get; init; }

    /// <summary>Default view (lon, lat, zoom); when null the middle of <see cref="Bounds"/> at zoom 11 clamped to the zoom range.</summary>
    public (double Lon, double Lat, int Zoom)? Center { get; init; }

    /// <summary>Lowest zoom served. Default 0.</summary>
    public int MinZoom { get; init; }

    /// <summary>Highest zoom served. Default 20.</summary>
    public int MaxZoom { get; init; } = TileAddress.MaxZoom;

    /// <summary>
    /// Options describing every layer of <paramref name="dataSet"/> (fields inferred by
    /// <see cref="TileJsonVectorLayer.FromLayer"/>) with its bounds.
    /// </summary>
    /// <param name="dataSet">The data set served.</param>
    /// <param name="name">Tileset name.</param>
    /// <param name="tileUrlTemplate">URL template with <c>{z}/{x}/{y}</c>.</param>
    /// <param name="layerDescriptions">Optional layer id → description.</param>
    /// <param name="fieldDescriptions">Optional layer id → (field → description).</param>
    public static TileJsonOptions ForDataSet(
        TileDataSet dataSet,
        string name,
        string tileUrlTemplate,
        IReadOnlyDictionary<string, string>? layerDescriptions = null,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? fieldDescriptions = null)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        return new TileJsonOptions
        {
            Name = name,
            Tiles = [tileUrlTemplate],
            Bounds = dataSet.Bounds,
            VectorLayers = dataSet.Layers
                .Select(l => TileJsonVectorLayer.FromLayer(
                    l,
                    layerDescriptions?.GetValueOrDefault(l.Name),
                    fieldDescriptions?.GetValueOrDefault(l.Name)))
                .ToArray(),
        };
    }
}
