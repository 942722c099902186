using NetTopologySuite.Geometries;

namespace Geographie.Features;

/// <summary>
/// One feature of a layer: its stable id, its geometry (WGS84 lon/lat, CRS84 axis order) or null when not loaded, its
/// property values aligned with <see cref="FeatureLayer.Properties"/>, and what the filters look at. Immutable.
/// </summary>
public sealed class FeatureRecord
{
    private byte[]? _geoJson;

    /// <summary>Builds a record; <paramref name="values"/> are strings, integers, doubles or null.</summary>
    public FeatureRecord(
        string id, MultiPolygon? geometry, IReadOnlyList<object?> values, string departement,
        IReadOnlyList<string> communeInsees, IReadOnlyList<string> communeNames, InForce? inForce)
    {
        Id = id;
        Geometry = geometry;
        Values = values;
        Departement = departement;
        CommuneInsees = communeInsees;
        CommuneNames = communeNames;
        InForce = inForce;
    }

    /// <summary>The feature id: the QPV code, or the commune's INSEE code. Unique and stable within its layer.</summary>
    public string Id { get; }

    /// <summary>The geometry in WGS84, or null (a register quartier whose perimeter is not loaded).</summary>
    public MultiPolygon? Geometry { get; }

    /// <summary>Property values in the layer's property order.</summary>
    public IReadOnlyList<object?> Values { get; }

    /// <summary>The département code (13, 2A, 971), matched by the <c>departement</c> filter.</summary>
    public string Departement { get; }

    /// <summary>INSEE codes of the feature's communes, matched by the <c>insee</c> filter.</summary>
    public IReadOnlyList<string> CommuneInsees { get; }

    /// <summary>Names of the feature's communes given without INSEE code (the 2015 files), matched by name.</summary>
    public IReadOnlyList<string> CommuneNames { get; }

    /// <summary>When the feature is in force, or null when it has no time (communes).</summary>
    public InForce? InForce { get; }

    /// <summary>
    /// The feature as GeoJSON, encoded on first use and kept: the record is immutable and lives as long as its
    /// snapshot, so every page after the first copies bytes instead of formatting coordinates again.
    /// A race encodes twice and keeps either copy; both are identical.
    /// </summary>
    public ReadOnlySpan<byte> GeoJson(FeatureLayer layer) =>
        Volatile.Read(ref _geoJson) ?? Interlocked.CompareExchange(ref _geoJson, GeoJsonFeatureWriter.Encode(layer, this), null) ?? _geoJson!;
}
