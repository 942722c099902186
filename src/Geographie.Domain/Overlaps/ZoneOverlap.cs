using Geographie.Domain.Geography;
using Geographie.Spatial;

namespace Geographie.Domain.Overlaps;

/// <summary>
/// How much of one zone lies in the QPV of one edition. Areas in m², planar in <see cref="Crs"/>.
/// </summary>
/// <param name="Zone">The zone measured.</param>
/// <param name="Geography">The edition.</param>
/// <param name="ZoneAreaM2">Area of the zone.</param>
/// <param name="QpvAreaM2">Area of the zone inside any loaded QPV (overlapping QPV counted once).</param>
/// <param name="Quartiers">One share per quartier meeting the zone with a positive area, by code.</param>
/// <param name="Completeness">Whether quartiers without perimeters may add to these figures.</param>
public sealed record ZoneOverlap(Zone Zone, GeographyVersion Geography, double ZoneAreaM2, double QpvAreaM2, IReadOnlyList<QuartierShare> Quartiers, Completeness Completeness)
{
    /// <summary>The metric CRS of the areas.</summary>
    public MetricCrs Crs => Zone.Crs;

    /// <summary>QpvAreaM2 / ZoneAreaM2 (0 for a zone of no area).</summary>
    public double ShareInQpv => ZoneAreaM2 > 0 ? QpvAreaM2 / ZoneAreaM2 : 0;
}
