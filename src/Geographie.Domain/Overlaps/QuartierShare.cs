using Geographie.Domain.Quartiers;
using NetTopologySuite.Geometries;

namespace Geographie.Domain.Overlaps;

/// <summary>
/// The part of a zone inside one quartier. Areas in m² in the zone's metric CRS; shares in 0..1.
/// </summary>
/// <param name="Quartier">The quartier.</param>
/// <param name="IntersectionM2">Area of zone ∩ quartier.</param>
/// <param name="ShareOfZone">IntersectionM2 / the zone's area.</param>
/// <param name="ShareOfQuartier">IntersectionM2 / the quartier's area.</param>
/// <param name="Intersection">zone ∩ quartier in WGS84 when geometries were asked for, else null.</param>
public sealed record QuartierShare(Quartier Quartier, double IntersectionM2, double ShareOfZone, double ShareOfQuartier, Geometry? Intersection);
