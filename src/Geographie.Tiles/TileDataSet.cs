using Geographie.Tiles.Internal;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace Geographie.Tiles;

/// <summary>
/// An immutable snapshot of all layers for one request context (e.g. one geography and one filter), ready to be cut
/// into Mapbox Vector Tiles. Construction projects every feature to Web Mercator (EPSG:3857), deduplicates attribute
/// keys and values, and builds one STR-tree per layer, so <see cref="BuildTile(int, int, int)"/> only touches the
/// features whose envelope meets the buffered tile.
/// </summary>
/// <remarks>
/// <para>Thread-safety: immutable after construction; <see cref="BuildTile(TileAddress)"/> may be called concurrently
/// from any number of threads (scratch buffers are per thread). The caller must not mutate the input geometries or
/// property dictionaries afterwards (they are read only during construction, but <see cref="Layers"/> exposes them).</para>
/// <para>Tiles are MVT 2.1, uncompressed, XYZ scheme (y = 0 north), extent/buffer/tolerance from
/// <see cref="TileBuildOptions"/>. Nothing is cached here; wrap with <see cref="TileCache"/>.</para>
/// </remarks>
public sealed class TileDataSet
{
    private readonly PreparedLayer[] _prepared;

    /// <summary>Prepares <paramref name="layers"/> with <see cref="TileBuildOptions.Default"/> (extent 4096, buffer 64, tolerance 0.5).</summary>
    /// <exception cref="ArgumentException">Duplicate or empty layer names, bad zoom ranges, unsupported geometry or property types.</exception>
    public TileDataSet(IReadOnlyList<TileLayer> layers)
        : this(layers, TileBuildOptions.Default)
    {
    }

    /// <summary>Prepares <paramref name="layers"/> with explicit encoding options.</summary>
    /// <exception cref="ArgumentException">Duplicate or empty layer names, bad zoom ranges, unsupported geometry or property types.</exception>
    public TileDataSet(IReadOnlyList<TileLayer> layers, TileBuildOptions options)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Layers = layers;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var bounds = new Envelope();
        _prepared = new PreparedLayer[layers.Count];
        for (int i = 0; i < layers.Count; i++)
        {
            TileLayer layer = layers[i] ?? throw new ArgumentException("Layer " + i + " is null.", nameof(layers));
            if (string.IsNullOrEmpty(layer.Name) || !names.Add(layer.Name))
            {
                throw new ArgumentException($"Layer name '{layer.Name}' is empty or used twice.", nameof(layers));
            }

            if (layer.MinZoom < 0 || layer.MaxZoom > TileAddress.MaxZoom || layer.MinZoom > layer.MaxZoom)
            {
                throw new ArgumentException(
                    $"Layer '{layer.Name}': zoom range {layer.MinZoom}..{layer.MaxZoom} must lie within 0..{TileAddress.MaxZoom}.", nameof(layers));
            }

            _prepared[i] = LayerPreparer.Prepare(layer, bounds);
        }

        Bounds = bounds.IsNull ? null : new TileBounds(bounds.MinX, bounds.MinY, bounds.MaxX, bounds.MaxY);
    }

    /// <summary>The layers as given, in tile order.</summary>
    public IReadOnlyList<TileLayer> Layers { get; }

    /// <summary>Encoding options.</summary>
    public TileBuildOptions Options { get; }

    /// <summary>WGS84 bounds (degrees) of all features, or <see langword="null"/> when there are none. Useful for TileJSON.</summary>
    public TileBounds? Bounds { get; }

    /// <summary>Builds the tile at <paramref name="z"/>/<paramref name="x"/>/<paramref name="y"/> (XYZ, y = 0 north).</summary>
    /// <returns>MVT 2.1 bytes, uncompressed; <see langword="null"/> when no layer has a feature in the tile (HTTP 204).</returns>
    /// <exception cref="ArgumentOutOfRangeException">When the address is invalid (see <see cref="TileAddress.TryCreate"/>).</exception>
    public byte[]? BuildTile(int z, int x, int y) => BuildTile(TileAddress.Create(z, x, y));

    /// <summary>Builds the tile at <paramref name="tile"/>. Thread-safe. Never cached.</summary>
    /// <returns>MVT 2.1 bytes, uncompressed; <see langword="null"/> when no layer has a feature in the tile (HTTP 204).</returns>
    public byte[]? BuildTile(TileAddress tile) => TileEncoder.ForCurrentThread.Encode(_prepared, tile, Options);

    private static class LayerPreparer
    {
        public static PreparedLayer Prepare(TileLayer layer, Envelope bounds)
        {
            var keys = new Dictionary<string, int>(StringComparer.Ordinal);
            var values = new Dictionary<MvtValue, int>();
            var keyFields = new List<byte[]>();
            var valueFields = new List<byte[]>();
            var features = new List<PreparedFeature>(layer.Features.Count);
            var tree = new STRtree<int>(Math.Max(2, Math.Min(10, layer.Features.Count)));
            var tags = new List<int>();
            foreach (TileFeature feature in layer.Features)
            {
                Geometry g = feature.Geometry ?? throw new ArgumentException($"Layer '{layer.Name}', feature {feature.Id}: geometry is null.");
                if (g.IsEmpty)
                {
                    continue;
                }

                PreparedRing[][]? polygons = null;
                double[]? points = null;
                switch (g)
                {
                    case Polygon p:
                        polygons = [Project(p)];
                        break;
                    case MultiPolygon mp:
                        polygons = mp.Geometries.Cast<Polygon>().Where(p => !p.IsEmpty).Select(Project).ToArray();
                        break;
                    case Point pt:
                        points = ProjectPoints([pt.Coordinate]);
                        break;
                    case MultiPoint mpt:
                        points = ProjectPoints(mpt.Coordinates);
                        break;
                    default:
                        throw new ArgumentException(
                            $"Layer '{layer.Name}', feature {feature.Id}: {g.GeometryType} is not supported (Polygon, MultiPolygon, Point, MultiPoint).");
                }

                tags.Clear();
                if (feature.Properties is not null)
                {
                    foreach ((string key, object? value) in feature.Properties)
                    {
                        if (value is null)
                        {
                            continue;
                        }

                        MvtValue normalised = MvtValue.From(value, layer.Name, key);
                        if (!keys.TryGetValue(key, out int k))
                        {
                            k = keys[key] = keyFields.Count;
                            keyFields.Add(ProtoWriter.EncodeStringField(3, key));
                        }

                        if (!values.TryGetValue(normalised, out int v))
                        {
                            v = values[normalised] = valueFields.Count;
                            valueFields.Add(ProtoWriter.EncodeValueField(normalised));
                        }

                        tags.Add(k);
                        tags.Add(v);
                    }
                }

                var prepared = new PreparedFeature(feature.Id, polygons, points, tags.ToArray());
                Envelope env = MercatorEnvelope(prepared);
                tree.Insert(env, features.Count);
                features.Add(prepared);
                bounds.ExpandToInclude(g.EnvelopeInternal);
            }

            tree.Build();
            return new PreparedLayer(layer.Name, layer.MinZoom, layer.MaxZoom, features.ToArray(), tree, keyFields.ToArray(), valueFields.ToArray());
        }

        private static PreparedRing[] Project(Polygon polygon)
        {
            var rings = new List<PreparedRing>(1 + polygon.NumInteriorRings) { ProjectRing(polygon.ExteriorRing) };
            foreach (LineString hole in polygon.InteriorRings)
            {
                if (!hole.IsEmpty)
                {
                    rings.Add(ProjectRing(hole));
                }
            }

            return rings.ToArray();
        }

        private static PreparedRing ProjectRing(LineString ring)
        {
            CoordinateSequence seq = ring.CoordinateSequence;
            int n = seq.Count;
            if (n > 1 && seq.GetX(0) == seq.GetX(n - 1) && seq.GetY(0) == seq.GetY(n - 1))
            {
                n--;
            }

            var coords = new double[2 * n];
            int m = 0;
            for (int i = 0; i < n; i++)
            {
                (double x, double y) = WebMercator.FromLonLat(seq.GetX(i), seq.GetY(i));
                if (m > 0 && coords[m - 2] == x && coords[m - 1] == y)
                {
                    continue;
                }

                coords[m++] = x;
                coords[m++] = y;
            }

            return new PreparedRing(m == coords.Length ? coords : coords.AsSpan(0, m).ToArray());
        }

        private static double[] ProjectPoints(Coordinate[] coordinates)
        {
            var coords = new double[2 * coordinates.Length];
            for (int i = 0; i < coordinates.Length; i++)
            {
                (coords[2 * i], coords[(2 * i) + 1]) = WebMercator.FromLonLat(coordinates[i].X, coordinates[i].Y);
            }

            return coords;
        }

        private static Envelope MercatorEnvelope(PreparedFeature feature)
        {
            var env = new Envelope();
            if (feature.Polygons is not null)
            {
                foreach (PreparedRing[] polygon in feature.Polygons)
                {
                    env.ExpandToInclude(polygon[0].MinX, polygon[0].MinY);
                    env.ExpandToInclude(polygon[0].MaxX, polygon[0].MaxY);
                }
            }
            else
            {
                double[] p = feature.Points!;
                for (int i = 0; i < p.Length; i += 2)
                {
                    env.ExpandToInclude(p[i], p[i + 1]);
                }
            }

            return env;
        }
    }
}
