using System.Collections.Concurrent;
using Geographie.Api.Hosting;
using Geographie.Domain.Snapshots;
using Geographie.Import.Points;
using Geographie.Import.Shipped;
using Geographie.Tiles;
using Microsoft.Extensions.Options;

namespace Geographie.Api.Tiles;

/// <summary>
/// One tile source per (data revision, filter), built on first use from the snapshot, and one byte-budgeted cache.
/// When the revision changes the cache is emptied, so a tile of old data is never served once the new data is
/// visible in /readyz. Thread-safe.
/// </summary>
public sealed partial class TileService(IOptions<GeographieOptions> options, ILogger<TileService> logger)
{
    private readonly TileCache _cache = new(options.Value.TileCacheBytes);
    private readonly ConcurrentDictionary<string, Lazy<DataSetTileSource>> _sources = new();
    // PublicationOnly: a failed read is tried again by the next caller instead of being cached until restart.
    private readonly Lazy<IReadOnlyList<Etablissement>> _etablissements = new(() => LoadEtablissements(logger), LazyThreadSafetyMode.PublicationOnly);
    private long _revision = -1;

    /// <summary>The cache, for metrics and tests.</summary>
    public TileCache Cache => _cache;

    /// <summary>The tile source of <paramref name="filter"/> at the snapshot's revision.</summary>
    public ITileSource Source(GeographySnapshot snapshot, TileFilter filter)
    {
        if (Interlocked.Exchange(ref _revision, snapshot.Revision) != snapshot.Revision)
        {
            foreach (var key in _sources.Keys.Where(k => !k.StartsWith($"{snapshot.Revision}|", StringComparison.Ordinal)))
            {
                _sources.TryRemove(key, out _);
            }
            _cache.Clear();
        }
        var revision = snapshot.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sourceKey = $"{revision}|{filter.Variant}";
        var source = _sources.GetOrAdd(sourceKey, _ => new Lazy<DataSetTileSource>(() =>
        {
            var data = new TileDataSet(MapLayers.Build(snapshot, filter, _etablissements.Value));
            var tileJson = TileJsonOptions.ForDataSet(data, "Geographie — quartiers prioritaires", "{tiles}") with
            {
                Description = "QPV perimeters with the défis and projets of the Contrat de ville Aix-Marseille-Provence 2024-2030, communes, collèges",
                Attribution = "ANCT (QPV), IGN Admin Express (communes), Éducation nationale (collèges) — Licence Ouverte 2.0",
                Version = "1.0.0",
                VectorLayers = MapLayers.Contract,
                // The data can be anywhere in France (any filter, any edition, official imports): never clip requests to today's extent.
                Bounds = new TileBounds(-63.3, -21.5, 56.0, 51.3),
                Center = (5.4, 43.45, 9),
            };
            return new DataSetTileSource(filter.Variant, revision, data, _cache, tileJson);
        }));
        try
        {
            return source.Value;
        }
        catch
        {
            // A Lazy keeps its exception: drop this one so the next request builds again instead of failing until restart.
            _sources.TryRemove(new KeyValuePair<string, Lazy<DataSetTileSource>>(sourceKey, source));
            throw;
        }
    }

    private static IReadOnlyList<Etablissement> LoadEtablissements(ILogger logger)
    {
        try
        {
            return Etablissement.ReadColleges(Path.Combine(ShippedGeodata.Find(), ShippedGeodata.CollegesFile));
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            LogNoEtablissements(logger, e.Message);
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The etablissements layer is empty: {Error}")]
    private static partial void LogNoEtablissements(ILogger logger, string error);
}
