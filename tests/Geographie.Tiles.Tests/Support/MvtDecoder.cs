using System.Buffers.Binary;
using System.Text;
using NetTopologySuite.Geometries;

namespace Geographie.Tiles.Tests.Support;

/// <summary>An independent, strict MVT 2.1 decoder for tests: keeps the raw tables and command streams so winding,
/// deduplication and ranges can be checked, and turns geometries into NTS geometries in tile units (y down).</summary>
internal static class MvtDecoder
{
    private static readonly GeometryFactory Factory = new();

    public static List<MvtLayer> Decode(byte[] tile)
    {
        var layers = new List<MvtLayer>();
        var r = new Reader(tile);
        while (!r.End)
        {
            (int field, int wire) = r.Tag();
            if (field == 3 && wire == 2)
            {
                layers.Add(DecodeLayer(r.Bytes()));
            }
            else
            {
                r.Skip(wire);
            }
        }

        return layers;
    }

    private static MvtLayer DecodeLayer(ReadOnlyMemory<byte> bytes)
    {
        var layer = new MvtLayer();
        var r = new Reader(bytes);
        var rawFeatures = new List<ReadOnlyMemory<byte>>();
        while (!r.End)
        {
            (int field, int wire) = r.Tag();
            switch (field)
            {
                case 15: layer.Version = (int)r.Varint(); break;
                case 1: layer.Name = Encoding.UTF8.GetString(r.Bytes().Span); break;
                case 2: rawFeatures.Add(r.Bytes()); break;
                case 3: layer.Keys.Add(Encoding.UTF8.GetString(r.Bytes().Span)); break;
                case 4: layer.Values.Add(DecodeValue(r.Bytes())); break;
                case 5: layer.Extent = (int)r.Varint(); break;
                default: r.Skip(wire); break;
            }
        }

        foreach (ReadOnlyMemory<byte> raw in rawFeatures)
        {
            var f = new MvtFeature();
            var fr = new Reader(raw);
            while (!fr.End)
            {
                (int field, int wire) = fr.Tag();
                switch (field)
                {
                    case 1: f.Id = fr.Varint(); break;
                    case 2: f.Tags.AddRange(fr.Packed()); break;
                    case 3: f.Type = (int)fr.Varint(); break;
                    case 4: f.Commands.AddRange(fr.Packed()); break;
                    default: fr.Skip(wire); break;
                }
            }

            for (int i = 0; i < f.Tags.Count; i += 2)
            {
                f.Properties[layer.Keys[(int)f.Tags[i]]] = layer.Values[(int)f.Tags[i + 1]];
            }

            f.Rings = DecodeCommands(f.Commands, f.Type);
            f.Geometry = ToGeometry(f);
            layer.Features.Add(f);
        }

        return layer;
    }

    private static object DecodeValue(ReadOnlyMemory<byte> bytes)
    {
        var r = new Reader(bytes);
        object? value = null;
        while (!r.End)
        {
            (int field, int wire) = r.Tag();
            value = field switch
            {
                1 => Encoding.UTF8.GetString(r.Bytes().Span),
                2 => (double)BinaryPrimitives.ReadSingleLittleEndian(r.Fixed(4)),
                3 => BinaryPrimitives.ReadDoubleLittleEndian(r.Fixed(8)),
                4 => (long)r.Varint(),
                5 => (long)r.Varint(),
                6 => ZigZag64(r.Varint()),
                7 => r.Varint() != 0,
                _ => throw new InvalidDataException("Unknown value field " + field + " wire " + wire),
            };
        }

        return value ?? throw new InvalidDataException("Empty value");
    }

    private static long ZigZag64(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);

    /// <summary>Points are single-point "rings"; rings for polygons are open (no closing repeat).</summary>
    private static List<List<(int X, int Y)>> DecodeCommands(List<uint> cmds, int type)
    {
        var parts = new List<List<(int X, int Y)>>();
        int x = 0, y = 0, i = 0;
        List<(int X, int Y)>? current = null;
        while (i < cmds.Count)
        {
            uint id = cmds[i] & 7, count = cmds[i] >> 3;
            i++;
            switch (id)
            {
                case 1:
                    for (int k = 0; k < count; k++)
                    {
                        x += ZigZag32(cmds[i++]);
                        y += ZigZag32(cmds[i++]);
                        current = [(x, y)];
                        parts.Add(current);
                    }

                    break;
                case 2:
                    if (current is null || type == 1)
                    {
                        throw new InvalidDataException("LineTo without MoveTo");
                    }

                    for (int k = 0; k < count; k++)
                    {
                        x += ZigZag32(cmds[i++]);
                        y += ZigZag32(cmds[i++]);
                        current.Add((x, y));
                    }

                    break;
                case 7:
                    if (count != 1 || type != 3)
                    {
                        throw new InvalidDataException("Bad ClosePath");
                    }

                    break;
                default:
                    throw new InvalidDataException("Unknown command " + id);
            }
        }

        return parts;
    }

    private static int ZigZag32(uint v) => (int)(v >> 1) ^ -(int)(v & 1);

    /// <summary>Surveyor's formula in tile coordinates (y down): positive = exterior per MVT 2.1.</summary>
    public static long Area2(List<(int X, int Y)> ring)
    {
        long a = 0;
        for (int i = 0, k = ring.Count - 1; i < ring.Count; k = i++)
        {
            a += ((long)ring[k].X * ring[i].Y) - ((long)ring[i].X * ring[k].Y);
        }

        return a;
    }

    private static Geometry ToGeometry(MvtFeature f)
    {
        if (f.Type == 1)
        {
            Point[] pts = f.Rings.Select(r => Factory.CreatePoint(new Coordinate(r[0].X, r[0].Y))).ToArray();
            return pts.Length == 1 ? pts[0] : Factory.CreateMultiPoint(pts);
        }

        var polygons = new List<Polygon>();
        LinearRing? shell = null;
        var holes = new List<LinearRing>();
        foreach (List<(int X, int Y)> ring in f.Rings)
        {
            long area = Area2(ring);
            LinearRing lr = Factory.CreateLinearRing(ring.Append(ring[0]).Select(p => new Coordinate(p.X, p.Y)).ToArray());
            if (area > 0)
            {
                if (shell is not null)
                {
                    polygons.Add(Factory.CreatePolygon(shell, holes.ToArray()));
                }

                shell = lr;
                holes.Clear();
            }
            else
            {
                if (shell is null)
                {
                    throw new InvalidDataException("Hole before any exterior ring");
                }

                holes.Add(lr);
            }
        }

        if (shell is not null)
        {
            polygons.Add(Factory.CreatePolygon(shell, holes.ToArray()));
        }

        return polygons.Count == 1 ? polygons[0] : Factory.CreateMultiPolygon(polygons.ToArray());
    }

    private sealed class Reader(ReadOnlyMemory<byte> data)
    {
        private int _pos;

        public bool End => _pos >= data.Length;

        public (int Field, int Wire) Tag()
        {
            ulong t = Varint();
            return ((int)(t >> 3), (int)(t & 7));
        }

        public ulong Varint()
        {
            ulong v = 0;
            for (int shift = 0; ; shift += 7)
            {
                byte b = data.Span[_pos++];
                v |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return v;
                }
            }
        }

        public ReadOnlyMemory<byte> Bytes()
        {
            int len = (int)Varint();
            ReadOnlyMemory<byte> m = data.Slice(_pos, len);
            _pos += len;
            return m;
        }

        public ReadOnlySpan<byte> Fixed(int n)
        {
            ReadOnlySpan<byte> s = data.Span.Slice(_pos, n);
            _pos += n;
            return s;
        }

        public List<uint> Packed()
        {
            var r = new Reader(Bytes());
            var list = new List<uint>();
            while (!r.End)
            {
                list.Add((uint)r.Varint());
            }

            return list;
        }

        public void Skip(int wire)
        {
            switch (wire)
            {
                case 0: Varint(); break;
                case 1: _pos += 8; break;
                case 2: Bytes(); break;
                case 5: _pos += 4; break;
                default: throw new InvalidDataException("Wire type " + wire);
            }
        }
    }
}

internal sealed class MvtLayer
{
    public string Name { get; set; } = string.Empty;

    public int Version { get; set; }

    public int Extent { get; set; }

    public List<string> Keys { get; } = [];

    public List<object> Values { get; } = [];

    public List<MvtFeature> Features { get; } = [];
}

internal sealed class MvtFeature
{
    public ulong Id { get; set; }

    public int Type { get; set; }

    public List<uint> Tags { get; } = [];

    public List<uint> Commands { get; } = [];

    public Dictionary<string, object> Properties { get; } = new(StringComparer.Ordinal);

    public List<List<(int X, int Y)>> Rings { get; set; } = [];

    public Geometry Geometry { get; set; } = Polygon.Empty;
}
