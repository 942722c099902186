namespace Geographie.Features;

/// <summary>A web link of an OGC API document (RFC 8288 relation, media type, title).</summary>
/// <param name="Href">Absolute URL.</param>
/// <param name="Rel">Relation: self, alternate, next, prev, collection, items, data, conformance, service-desc…</param>
/// <param name="Type">Media type of the target.</param>
/// <param name="Title">Human-readable label.</param>
public sealed record Link(string Href, string Rel, string Type, string? Title = null);
