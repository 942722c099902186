using NetTopologySuite.Geometries;

namespace Geographie.Tiles.Internal;

/// <summary>
/// Encodes one tile from prepared layers into MVT 2.1 protobuf bytes. Keeps scratch buffers between calls,
/// so it is used through <see cref="ForCurrentThread"/> and never shared between threads.
/// </summary>
internal sealed class TileEncoder
{
    [ThreadStatic]
    private static TileEncoder? _current;

    private readonly PolygonProcessor _polygons = new();
    private readonly ProtoWriter _tile = new(16 * 1024);
    private readonly ProtoWriter _layer = new(16 * 1024);
    private readonly List<int> _candidates = new(256);
    private uint[] _geometry = new uint[4096];
    private uint[] _tags = new uint[64];
    private int[] _keyStamp = new int[64];
    private int[] _keyLocal = new int[64];
    private int[] _valueStamp = new int[256];
    private int[] _valueLocal = new int[256];
    private readonly List<int> _keyOrder = new(64);
    private readonly List<int> _valueOrder = new(256);
    private int _stamp;
    private int _zoom;

    public static TileEncoder ForCurrentThread => _current ??= new TileEncoder();

    public byte[]? Encode(IReadOnlyList<PreparedLayer> layers, TileAddress tile, TileBuildOptions options)
    {
        var t = new TileTransform(tile, options.Extent, options.Buffer);
        var query = new Envelope(t.QueryMinX, t.QueryMaxX, t.QueryMinY, t.QueryMaxY);
        _tile.Reset();
        _zoom = tile.Z;
        foreach (PreparedLayer layer in layers)
        {
            if (tile.Z < layer.MinZoom || tile.Z > layer.MaxZoom || layer.Features.Length == 0)
            {
                continue;
            }

            _candidates.Clear();
            layer.Index.Query(query, new CandidateCollector(_candidates));
            if (_candidates.Count == 0)
            {
                continue;
            }

            _candidates.Sort();
            if (EncodeLayer(layer, in t, options))
            {
                _tile.WriteVarint((3 << 3) | 2);
                _tile.WriteVarint((ulong)_layer.Length);
                _tile.WriteBytes(_layer.Written);
            }
        }

        return _tile.Length == 0 ? null : _tile.ToArray();
    }

    private bool EncodeLayer(PreparedLayer layer, in TileTransform t, TileBuildOptions options)
    {
        _layer.Reset();
        _layer.WriteVarint(15 << 3);
        _layer.WriteVarint(2);
        _layer.WriteBytes(layer.NameField);
        NewStamp(layer);
        int written = 0;
        foreach (int index in _candidates)
        {
            PreparedFeature feature = layer.Features[index];
            int geometryLength;
            uint type;
            if (feature.Polygons is not null)
            {
                geometryLength = EncodePolygons(feature, _zoom, in t, options.Tolerance);
                type = 3;
            }
            else
            {
                geometryLength = EncodePoints(feature.Points!, in t);
                type = 1;
            }

            if (geometryLength == 0)
            {
                continue;
            }

            int tagLength = MapTags(feature.Tags);
            ReadOnlySpan<uint> tags = _tags.AsSpan(0, tagLength);
            ReadOnlySpan<uint> geometry = _geometry.AsSpan(0, geometryLength);
            int tagsSize = ProtoWriter.PackedSize(tags);
            int geometrySize = ProtoWriter.PackedSize(geometry);
            int size = 1 + ProtoWriter.VarintSize(feature.Id)
                + (tagLength > 0 ? 1 + ProtoWriter.VarintSize((ulong)tagsSize) + tagsSize : 0)
                + 2
                + 1 + ProtoWriter.VarintSize((ulong)geometrySize) + geometrySize;
            _layer.WriteVarint((2 << 3) | 2);
            _layer.WriteVarint((ulong)size);
            _layer.WriteVarint(1 << 3);
            _layer.WriteVarint(feature.Id);
            if (tagLength > 0)
            {
                _layer.WritePacked(2, tags);
            }

            _layer.WriteVarint(3 << 3);
            _layer.WriteVarint(type);
            _layer.WritePacked(4, geometry);
            written++;
        }

        if (written == 0)
        {
            return false;
        }

        foreach (int k in _keyOrder)
        {
            _layer.WriteBytes(layer.KeyFields[k]);
        }

        foreach (int v in _valueOrder)
        {
            _layer.WriteBytes(layer.ValueFields[v]);
        }

        _layer.WriteVarint(5 << 3);
        _layer.WriteVarint((ulong)options.Extent);
        return true;
    }

    private void NewStamp(PreparedLayer layer)
    {
        if (_keyStamp.Length < layer.KeyFields.Length)
        {
            _keyStamp = new int[layer.KeyFields.Length];
            _keyLocal = new int[layer.KeyFields.Length];
        }

        if (_valueStamp.Length < layer.ValueFields.Length)
        {
            _valueStamp = new int[layer.ValueFields.Length];
            _valueLocal = new int[layer.ValueFields.Length];
        }

        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_keyStamp);
            Array.Clear(_valueStamp);
            _stamp = 1;
        }

        _keyOrder.Clear();
        _valueOrder.Clear();
    }

    /// <summary>Maps the feature's global (key, value) indices to this layer-in-tile's deduplicated tables.</summary>
    private int MapTags(int[] globalTags)
    {
        if (_tags.Length < globalTags.Length)
        {
            _tags = new uint[globalTags.Length];
        }

        for (int i = 0; i < globalTags.Length; i += 2)
        {
            int k = globalTags[i], v = globalTags[i + 1];
            if (_keyStamp[k] != _stamp)
            {
                _keyStamp[k] = _stamp;
                _keyLocal[k] = _keyOrder.Count;
                _keyOrder.Add(k);
            }

            if (_valueStamp[v] != _stamp)
            {
                _valueStamp[v] = _stamp;
                _valueLocal[v] = _valueOrder.Count;
                _valueOrder.Add(v);
            }

            _tags[i] = (uint)_keyLocal[k];
            _tags[i + 1] = (uint)_valueLocal[v];
        }

        return globalTags.Length;
    }

    private int EncodePolygons(PreparedFeature feature, int z, in TileTransform t, double tolerance)
    {
        PreparedRing[][] source = feature.Simplified(z, tolerance / t.Scale);
        int rings = _polygons.Process(feature.Polygons!, source, in t, tolerance);
        int length = 0;
        int cx = 0, cy = 0;
        for (int r = 0; r < rings; r++)
        {
            (int start, int count) = _polygons.Rings[r];
            length = AppendRing(length, start, count, ref cx, ref cy);
        }

        return length;
    }

    private int AppendRing(int length, int start, int n, ref int cx, ref int cy)
    {
        EnsureGeometry(length + (2 * n) + 3);
        uint[] g = _geometry;
        int[] x = _polygons.X, y = _polygons.Y;
        g[length++] = (1u << 3) | 1;
        g[length++] = ProtoWriter.ZigZag(x[start] - cx);
        g[length++] = ProtoWriter.ZigZag(y[start] - cy);
        g[length++] = ((uint)(n - 1) << 3) | 2;
        for (int i = start + 1; i < start + n; i++)
        {
            g[length++] = ProtoWriter.ZigZag(x[i] - x[i - 1]);
            g[length++] = ProtoWriter.ZigZag(y[i] - y[i - 1]);
        }

        g[length++] = (1u << 3) | 7;
        cx = x[start + n - 1];
        cy = y[start + n - 1];
        return length;
    }

    private int EncodePoints(double[] points, in TileTransform t)
    {
        EnsureGeometry(points.Length + 1);
        uint[] g = _geometry;
        int length = 1;
        int count = 0, cx = 0, cy = 0;
        for (int i = 0; i < points.Length; i += 2)
        {
            double px = t.X(points[i]), py = t.Y(points[i + 1]);
            if (px < t.ClipMin || px > t.ClipMax || py < t.ClipMin || py > t.ClipMax)
            {
                continue;
            }

            int qx = (int)Math.Round(px), qy = (int)Math.Round(py);
            g[length++] = ProtoWriter.ZigZag(qx - cx);
            g[length++] = ProtoWriter.ZigZag(qy - cy);
            cx = qx;
            cy = qy;
            count++;
        }

        if (count == 0)
        {
            return 0;
        }

        g[0] = ((uint)count << 3) | 1;
        return length;
    }

    private void EnsureGeometry(int size)
    {
        if (size > _geometry.Length)
        {
            Array.Resize(ref _geometry, Math.Max(size, _geometry.Length * 2));
        }
    }

    private sealed class CandidateCollector(List<int> target) : NetTopologySuite.Index.IItemVisitor<int>
    {
        public void VisitItem(int item) => target.Add(item);
    }
}
