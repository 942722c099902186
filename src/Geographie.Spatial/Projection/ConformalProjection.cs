namespace Geographie.Spatial.Projection;

/// <summary>
/// A conformal map projection on the GRS80 ellipsoid, forward (geographic degrees → metres) and inverse.
/// Immutable and thread-safe; no allocation per call.
/// </summary>
internal abstract class ConformalProjection
{
    /// <summary>GRS80 semi-major axis, metres.</summary>
    public const double A = 6378137.0;

    /// <summary>GRS80 flattening.</summary>
    public const double F = 1.0 / 298.257222101;

    /// <summary>First eccentricity squared of GRS80.</summary>
    public const double E2 = F * (2.0 - F);

    /// <summary>Degrees to radians.</summary>
    public const double Deg = Math.PI / 180.0;

    /// <summary>Projects longitude/latitude in degrees to easting/northing in metres.</summary>
    public abstract void Forward(double lon, double lat, out double x, out double y);

    /// <summary>Inverse of <see cref="Forward"/>: easting/northing in metres to longitude/latitude in degrees.</summary>
    public abstract void Inverse(double x, double y, out double lon, out double lat);
}
