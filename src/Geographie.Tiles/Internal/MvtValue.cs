namespace Geographie.Tiles.Internal;

internal enum MvtValueKind
{
    String,
    Integer,
    Double,
    Boolean,
}

/// <summary>A normalised attribute value; equality is by kind and value, which is what deduplicates the value table.</summary>
internal readonly record struct MvtValue(MvtValueKind Kind, string? String, long Integer, double Double, bool Boolean)
{
    /// <summary>Normalises a CLR attribute value; integers become <see cref="long"/>, floats <see cref="double"/>.</summary>
    /// <exception cref="ArgumentException">For unsupported types.</exception>
    public static MvtValue From(object value, string layer, string key) => value switch
    {
        string s => new MvtValue(MvtValueKind.String, s, 0, 0, false),
        bool b => new MvtValue(MvtValueKind.Boolean, null, 0, 0, b),
        long l => Int(l),
        int i => Int(i),
        short s => Int(s),
        sbyte s => Int(s),
        byte b => Int(b),
        ushort u => Int(u),
        uint u => Int(u),
        ulong u when u <= long.MaxValue => Int((long)u),
        double d => new MvtValue(MvtValueKind.Double, null, 0, d, false),
        float f => new MvtValue(MvtValueKind.Double, null, 0, f, false),
        decimal m => new MvtValue(MvtValueKind.Double, null, 0, (double)m, false),
        _ => throw new ArgumentException(
            $"Layer '{layer}', property '{key}': unsupported value type {value.GetType().Name} (use string, long, double or bool)."),
    };

    private static MvtValue Int(long l) => new(MvtValueKind.Integer, null, l, 0, false);
}
