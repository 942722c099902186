namespace Geographie.Tiles;

/// <summary>A WGS84 bounding box in degrees (TileJSON <c>bounds</c> order: west, south, east, north). Immutable.</summary>
public readonly record struct TileBounds(double West, double South, double East, double North);
