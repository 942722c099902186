namespace Geographie.Spatial.Areas;

/// <summary>
/// How a zone meets the perimeters of one <see cref="OverlapIndex"/>: its area, the part covered by any perimeter
/// (overlapping perimeters counted once) and the per-perimeter pieces in ascending id order. Areas in m², planar in
/// <see cref="Crs"/>.
/// </summary>
/// <param name="Crs">The metric CRS the areas are measured in.</param>
/// <param name="ZoneAreaM2">Area of the zone.</param>
/// <param name="CoveredAreaM2">Area of the zone inside the union of the perimeters.</param>
/// <param name="Pieces">One piece per perimeter meeting the zone with a positive area.</param>
public sealed record ZoneAreas(MetricCrs Crs, double ZoneAreaM2, double CoveredAreaM2, IReadOnlyList<AreaPiece> Pieces);
