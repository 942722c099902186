namespace Geographie.Tiles;

/// <summary>A named MVT layer and the zoom range where it is written.</summary>
/// <param name="Name">Layer name in the tile (e.g. <c>quartiers</c>); must be unique within a <see cref="TileDataSet"/>.</param>
/// <param name="Features">Features in WGS84; order is preserved in every tile.</param>
/// <param name="MinZoom">First zoom (inclusive) where the layer is written.</param>
/// <param name="MaxZoom">Last zoom (inclusive) where the layer is written.</param>
public sealed record TileLayer(string Name, IReadOnlyList<TileFeature> Features, int MinZoom = 0, int MaxZoom = 20);
