using NetTopologySuite.Geometries;

namespace Geographie.Tiles;

/// <summary>
/// One feature handed to <see cref="TileDataSet"/>: an id, a WGS84 geometry and flat attributes.
/// </summary>
/// <param name="Id">Feature id written to the MVT <c>id</c> field; should be stable across revisions so clients can keep feature state.</param>
/// <param name="Geometry">
/// WGS84 longitude/latitude (degrees, x = longitude). Supported: <see cref="Polygon"/>, <see cref="MultiPolygon"/>,
/// <see cref="Point"/>, <see cref="MultiPoint"/>. Empty geometries are ignored; other types are rejected by <see cref="TileDataSet"/>.
/// </param>
/// <param name="Properties">
/// Attributes: <see cref="string"/>, integers (<see cref="long"/>, <see cref="int"/>, ...), <see cref="double"/>/<see cref="float"/>
/// or <see cref="bool"/>. <see langword="null"/> values are omitted from the tile.
/// </param>
/// <remarks>Immutable as long as the caller does not mutate the geometry or the dictionary after handing them over.</remarks>
public sealed record TileFeature(ulong Id, Geometry Geometry, IReadOnlyDictionary<string, object> Properties);
