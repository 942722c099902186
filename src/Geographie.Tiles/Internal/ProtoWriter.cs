using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Geographie.Tiles.Internal;

/// <summary>
/// Minimal protobuf writer for the MVT schema: a growable byte buffer with varints and length-delimited fields.
/// Not thread-safe; one instance per tile build.
/// </summary>
internal sealed class ProtoWriter
{
    private byte[] _buffer;

    public ProtoWriter(int capacity = 4096) => _buffer = new byte[capacity];

    public int Length { get; private set; }

    public void Reset() => Length = 0;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public byte[] ToArray() => _buffer.AsSpan(0, Length).ToArray();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteVarint(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _buffer[Length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[Length++] = (byte)value;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    /// <summary>Writes a packed repeated uint32 field (tag, byte length, varints).</summary>
    public void WritePacked(int field, ReadOnlySpan<uint> values)
    {
        int size = 0;
        foreach (uint v in values)
        {
            size += VarintSize(v);
        }

        WriteVarint(((uint)field << 3) | 2);
        WriteVarint((ulong)size);
        foreach (uint v in values)
        {
            WriteVarint(v);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int VarintSize(ulong value)
    {
        int size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    public static int PackedSize(ReadOnlySpan<uint> values)
    {
        int size = 0;
        foreach (uint v in values)
        {
            size += VarintSize(v);
        }

        return size;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ZigZag(int value) => (uint)((value << 1) ^ (value >> 31));

    /// <summary>Encodes a whole length-delimited string field: tag, length, UTF-8.</summary>
    public static byte[] EncodeStringField(int field, string value)
    {
        var w = new ProtoWriter(Encoding.UTF8.GetMaxByteCount(value.Length) + 12);
        w.WriteVarint(((uint)field << 3) | 2);
        byte[] utf8 = Encoding.UTF8.GetBytes(value);
        w.WriteVarint((ulong)utf8.Length);
        w.WriteBytes(utf8);
        return w.ToArray();
    }

    /// <summary>
    /// Encodes a layer <c>values</c> entry (field 4) holding one MVT <c>Value</c> message:
    /// string_value 1, double_value 3, uint_value 5, sint_value 6, bool_value 7.
    /// </summary>
    public static byte[] EncodeValueField(MvtValue value)
    {
        var inner = new ProtoWriter(32);
        switch (value.Kind)
        {
            case MvtValueKind.String:
                inner.WriteBytes(EncodeStringField(1, value.String!));
                break;
            case MvtValueKind.Double:
                inner.WriteVarint((3 << 3) | 1);
                Span<byte> eight = stackalloc byte[8];
                BinaryPrimitives.WriteDoubleLittleEndian(eight, value.Double);
                inner.WriteBytes(eight);
                break;
            case MvtValueKind.Integer when value.Integer >= 0:
                inner.WriteVarint(5 << 3);
                inner.WriteVarint((ulong)value.Integer);
                break;
            case MvtValueKind.Integer:
                inner.WriteVarint(6 << 3);
                inner.WriteVarint((ulong)((value.Integer << 1) ^ (value.Integer >> 63)));
                break;
            case MvtValueKind.Boolean:
                inner.WriteVarint(7 << 3);
                inner.WriteVarint(value.Boolean ? 1UL : 0UL);
                break;
            default:
                throw new InvalidOperationException("Unknown value kind " + value.Kind);
        }

        var outer = new ProtoWriter(inner.Length + 8);
        outer.WriteVarint((4 << 3) | 2);
        outer.WriteVarint((ulong)inner.Length);
        outer.WriteBytes(inner.Written);
        return outer.ToArray();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int extra)
    {
        if (Length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + extra));
        }
    }
}
