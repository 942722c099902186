using NetTopologySuite.Geometries;

namespace Geographie.Import.Register;

/// <summary>A commune with its outline (WGS84 MultiPolygon).</summary>
public sealed record CommuneOutline(string Insee, string Name, MultiPolygon Outline);
