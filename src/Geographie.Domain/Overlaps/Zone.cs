using Geographie.Spatial;
using Geographie.Spatial.Areas;
using NetTopologySuite.Geometries;

namespace Geographie.Domain.Overlaps;

/// <summary>
/// A zone ready to be measured: validated (and repaired if it had to be) by <see cref="ZoneValidator"/>. Immutable.
/// </summary>
/// <param name="Id">The caller's identifier of the zone (feature id, a chosen property, an INSEE code, or its position).</param>
/// <param name="Metric">Valid Polygon or MultiPolygon in <paramref name="Crs"/> metres.</param>
/// <param name="Crs">The metric CRS of the zone's territory, where every area of it is measured.</param>
/// <param name="Repair">What was repaired to make the zone valid, or null when it was valid as given.</param>
public sealed record Zone(string Id, Geometry Metric, MetricCrs Crs, string? Repair)
{
    private readonly FlatRings? _rings;

    /// <summary>A label for the zone (a commune's name), or null.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// The rings of <see cref="Metric"/> as read once, shared by the validity proof and every index measuring the
    /// zone: handed over by <see cref="ZoneValidator"/>, else read from <see cref="Metric"/> on each use.
    /// </summary>
    public FlatRings Rings
    {
        get => _rings ?? FlatRings.Of(Metric);
        init => _rings = value;
    }
}
