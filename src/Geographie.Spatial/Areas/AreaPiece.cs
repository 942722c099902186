using NetTopologySuite.Geometries;

namespace Geographie.Spatial.Areas;

/// <summary>
/// The part of a zone inside one indexed perimeter, with a positive area.
/// </summary>
/// <param name="Id">The perimeter's id in its <see cref="OverlapIndex"/>.</param>
/// <param name="AreaM2">Area of the intersection in m², planar in the zone's metric CRS.</param>
/// <param name="Geometry">The intersection in that metric CRS when geometries were asked for, else null.</param>
public sealed record AreaPiece(int Id, double AreaM2, Geometry? Geometry);
