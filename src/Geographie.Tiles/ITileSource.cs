namespace Geographie.Tiles;

/// <summary>
/// The boundary between the HTTP shell and the tile core (after martin's <c>Source</c>): an id, a TileJSON document and
/// tiles by address, each carrying its ETag. Implementations must be thread-safe.
/// </summary>
public interface ITileSource
{
    /// <summary>Source id used in routes (e.g. <c>qpv</c>).</summary>
    string Id { get; }

    /// <summary>Data revision; changes whenever tile content may change. Part of every cache key.</summary>
    string Revision { get; }

    /// <summary>TileJSON 3.0.0 for this source, with <paramref name="tileUrlTemplate"/> as the only tile URL.</summary>
    string GetTileJson(string tileUrlTemplate);

    /// <summary>The tile at <paramref name="tile"/>: bytes, gzip, ETag; <see cref="CachedTile.IsEmpty"/> for 204.</summary>
    CachedTile GetTile(TileAddress tile);
}
