namespace Geographie.Tiles;

/// <summary>
/// <see cref="ITileSource"/> over one <see cref="TileDataSet"/>, memoised in a shared <see cref="TileCache"/> under keys
/// <c>revision|z/x/y|id</c>. Thread-safe; immutable apart from the cache. To publish new data, create a new source
/// with a new revision and call <see cref="TileCache.Invalidate"/> with the old one.
/// </summary>
public sealed class DataSetTileSource : ITileSource
{
    private readonly TileDataSet _data;
    private readonly TileCache _cache;
    private readonly TileJsonOptions _tileJson;

    /// <summary>Creates the source.</summary>
    /// <param name="id">Source id; also the cache-key variant so sources can share one cache.</param>
    /// <param name="revision">Data revision (no <c>'|'</c>).</param>
    /// <param name="data">Prepared layers.</param>
    /// <param name="cache">Shared cache.</param>
    /// <param name="tileJson">TileJSON content; <c>Tiles</c> is replaced per call of <see cref="GetTileJson"/>.</param>
    public DataSetTileSource(string id, string revision, TileDataSet data, TileCache cache, TileJsonOptions tileJson)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(revision);
        _ = TileCache.CreateKey(revision, default);
        Id = id;
        Revision = revision;
        _data = data ?? throw new ArgumentNullException(nameof(data));
        _cache = cache ?? throw new ArgumentNullException(nameof(cache));
        _tileJson = tileJson ?? throw new ArgumentNullException(nameof(tileJson));
    }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public string Revision { get; }

    /// <inheritdoc />
    public string GetTileJson(string tileUrlTemplate) =>
        TileJson.Build(_tileJson with { Tiles = [tileUrlTemplate] });

    /// <inheritdoc />
    public CachedTile GetTile(TileAddress tile) =>
        _cache.GetOrAdd(TileCache.CreateKey(Revision, tile, Id), () => _data.BuildTile(tile));
}
