using System.Text.Json.Serialization;
using Geographie.Features;

namespace Geographie.Api.Features;

/// <summary>The landing page of the OGC API (<c>GET /ogc/</c>).</summary>
public sealed record LandingDocument(string Title, string Description, IReadOnlyList<Link> Links);

/// <summary>The conformance declaration (<c>GET /ogc/conformance</c>).</summary>
public sealed record ConformanceDocument(IReadOnlyList<string> ConformsTo);

/// <summary>The list of collections (<c>GET /ogc/collections</c>).</summary>
public sealed record CollectionsDocument(IReadOnlyList<Link> Links, IReadOnlyList<CollectionDocument> Collections);

/// <summary>One collection's description: its extent and the links to its items.</summary>
public sealed record CollectionDocument(
    string Id, string Title, string Description, string ItemType, IReadOnlyList<string> Crs, string StorageCrs,
    ExtentDocument Extent, IReadOnlyList<PropertyDocument> Properties, IReadOnlyList<Link> Links);

/// <summary>A property of the collection's features and its JSON type.</summary>
public sealed record PropertyDocument(string Name, string Type, string Description);

/// <summary>The spatial (CRS84) and temporal extents; either is left out when the collection has none.</summary>
public sealed record ExtentDocument(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SpatialExtentDocument? Spatial,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TemporalExtentDocument? Temporal);

/// <summary>Bounding boxes as [minLon, minLat, maxLon, maxLat].</summary>
public sealed record SpatialExtentDocument(IReadOnlyList<double[]> Bbox, string Crs);

/// <summary>Intervals as [start, end], null for open.</summary>
public sealed record TemporalExtentDocument(IReadOnlyList<string?[]> Interval, string Trs);
