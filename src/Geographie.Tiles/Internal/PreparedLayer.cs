using NetTopologySuite.Index.Strtree;

namespace Geographie.Tiles.Internal;

/// <summary>
/// A layer ready for tiling: projected features, an STR-tree over their envelopes, and the deduplicated
/// key and value tables pre-encoded as protobuf fields so a tile only copies bytes.
/// </summary>
internal sealed class PreparedLayer
{
    public PreparedLayer(
        string name, int minZoom, int maxZoom, PreparedFeature[] features, STRtree<int> index, byte[][] keyFields, byte[][] valueFields)
    {
        Name = name;
        NameField = ProtoWriter.EncodeStringField(1, name);
        MinZoom = minZoom;
        MaxZoom = maxZoom;
        Features = features;
        Index = index;
        KeyFields = keyFields;
        ValueFields = valueFields;
    }

    public string Name { get; }

    public byte[] NameField { get; }

    public int MinZoom { get; }

    public int MaxZoom { get; }

    public PreparedFeature[] Features { get; }

    public STRtree<int> Index { get; }

    /// <summary>Layer field 3 (keys), tag and length included.</summary>
    public byte[][] KeyFields { get; }

    /// <summary>Layer field 4 (values), tag and length included.</summary>
    public byte[][] ValueFields { get; }
}
