using Geographie.Domain.Quartiers;
using NetTopologySuite.Geometries;

namespace Geographie.Features;

/// <summary>
/// One OGC API collection: its description, the properties every feature carries, and its features in id order.
/// Immutable and thread-safe; built once per snapshot (see <see cref="FeatureCatalog"/>).
/// </summary>
public sealed class FeatureLayer
{
    private readonly Dictionary<string, FeatureRecord> _byId;
    private readonly ILookup<string, FeatureRecord> _byInsee;
    private readonly ILookup<string, FeatureRecord> _byCommuneName;
    private readonly Func<string, Commune?> _findCommune;

    /// <summary>Builds the layer; <paramref name="findCommune"/> resolves an INSEE code for the <c>insee</c> filter.</summary>
    public FeatureLayer(
        string id, string title, string description, IReadOnlyList<FeatureProperty> properties,
        IEnumerable<FeatureRecord> features, InForce? temporalExtent, Func<string, Commune?> findCommune)
    {
        Id = id;
        Title = title;
        Description = description;
        Properties = properties;
        Features = features.OrderBy(f => f.Id, StringComparer.Ordinal).ToArray();
        TemporalExtent = temporalExtent;
        _findCommune = findCommune;
        _byId = Features.ToDictionary(f => f.Id, StringComparer.Ordinal);
        _byInsee = Features.SelectMany(f => f.CommuneInsees.Select(insee => (insee, f))).ToLookup(p => p.insee, p => p.f, StringComparer.Ordinal);
        _byCommuneName = Features.SelectMany(f => f.CommuneNames.Select(name => (NameKey(f.Departement, name), f)))
            .ToLookup(p => p.Item1, p => p.f, StringComparer.Ordinal);
        var envelope = new Envelope();
        foreach (var feature in Features)
        {
            if (feature.Geometry is { } geometry)
            {
                envelope.ExpandToInclude(geometry.EnvelopeInternal);
            }
        }
        SpatialExtent = envelope.IsNull ? null : envelope;
    }

    /// <summary>The collection id on the wire (<c>qpv2024</c>, <c>qpv2015</c>, <c>communes</c>).</summary>
    public string Id { get; }

    /// <summary>Title.</summary>
    public string Title { get; }

    /// <summary>What the collection holds and what it lacks.</summary>
    public string Description { get; }

    /// <summary>The properties of every feature, in order.</summary>
    public IReadOnlyList<FeatureProperty> Properties { get; }

    /// <summary>Every feature, in ordinal id order: the order pages follow.</summary>
    public IReadOnlyList<FeatureRecord> Features { get; }

    /// <summary>The CRS84 envelope of the features' geometries, or null when none has one.</summary>
    public Envelope? SpatialExtent { get; }

    /// <summary>When the features are in force (the union of their intervals), or null when they have no time.</summary>
    public InForce? TemporalExtent { get; }

    /// <summary>The feature with that id (exact, case-sensitive), or null.</summary>
    public FeatureRecord? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// The features in the commune of INSEE code <paramref name="insee"/>: those listing the code, and those naming the
    /// commune without a code (the 2015 files) in its département, when the commune is known.
    /// </summary>
    public IEnumerable<FeatureRecord> InCommune(string insee)
    {
        var byCode = _byInsee[insee];
        return _findCommune(insee) is { } commune
            ? byCode.Union(_byCommuneName[NameKey(commune.Departement, commune.Name)])
            : byCode;
    }

    /// <summary>The page <paramref name="query"/> asks for, with the number of features matched in all.</summary>
    public ItemsPage Query(ItemsQuery query)
    {
        var inCommune = query.Insee is { } insee ? InCommune(insee).ToHashSet() : null;
        var page = new List<FeatureRecord>(Math.Min(query.Limit, Features.Count));
        var matched = 0;
        foreach (var feature in Features)
        {
            if ((query.Code is null || feature.Id == query.Code)
                && (query.Departement is null || feature.Departement == query.Departement)
                && (inCommune is null || inCommune.Contains(feature))
                && (feature.InForce is null || feature.InForce.Overlaps(query.TimeFrom, query.TimeTo))
                && (query.Bbox is null || (feature.Geometry is { } geometry && query.Bbox.Intersects(geometry))))
            {
                if (matched >= query.Offset && page.Count < query.Limit)
                {
                    page.Add(feature);
                }
                matched++;
            }
        }
        return new ItemsPage(this, matched, page);
    }

    private static string NameKey(string departement, string name) => departement + "\u0000" + name.ToUpperInvariant();
}
