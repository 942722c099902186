namespace Geographie.Spatial;

/// <summary>
/// Chooses the official metric CRS for a WGS84 location. Pure maths, thread-safe, no allocation.
/// </summary>
public static class MetricProjection
{
    /// <summary>
    /// The metric CRS for the territory containing (<paramref name="lon"/>, <paramref name="lat"/>) in degrees:
    /// Antilles (lon −64…−60, lat 14…18.5) → EPSG:5490; Guyane (lon −56…−49, lat 1…9) → EPSG:2972;
    /// La Réunion (lon 54…57, lat −22.5…−19.5) → EPSG:2975; Mayotte (lon 44…46.5, lat −14…−11) → EPSG:4471;
    /// anywhere else → Lambert-93 (EPSG:2154), which is only meaningful for metropolitan France and Corsica.
    /// Boxes are closed (a point on a box edge belongs to the overseas system).
    /// </summary>
    public static MetricCrs ForLocation(double lon, double lat)
    {
        if (lat < 41.0)
        {
            if (lon >= -64.0 && lon <= -60.0 && lat >= 14.0 && lat <= 18.5)
            {
                return MetricCrs.Rgaf09Utm20N;
            }

            if (lon >= -56.0 && lon <= -49.0 && lat >= 1.0 && lat <= 9.0)
            {
                return MetricCrs.Rgfg95Utm22N;
            }

            if (lon >= 54.0 && lon <= 57.0 && lat >= -22.5 && lat <= -19.5)
            {
                return MetricCrs.Rgr92Utm40S;
            }

            if (lon >= 44.0 && lon <= 46.5 && lat >= -14.0 && lat <= -11.0)
            {
                return MetricCrs.Rgm04Utm38S;
            }
        }

        return MetricCrs.Lambert93;
    }
}
