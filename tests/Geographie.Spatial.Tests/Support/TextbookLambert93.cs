namespace Geographie.Spatial.Tests.Support;

/// <summary>
/// The oracle of the Lambert-93 series form: IOGP guidance note 7-2 §3.1.1.1 (EPSG method 9802) as printed, with a
/// Tan and two Pow per point. Shared by the differential tests and, linked, by the projection benchmark's peer.
/// </summary>
internal static class TextbookLambert93
{
    private const double A = 6378137.0, F = 1.0 / 298.257222101, Deg = Math.PI / 180.0;

    private static readonly double E = Math.Sqrt(F * (2.0 - F));
    private static readonly double N = (Math.Log(M(49.0 * Deg)) - Math.Log(M(44.0 * Deg))) / (Math.Log(T(49.0 * Deg)) - Math.Log(T(44.0 * Deg)));
    private static readonly double AF = A * M(49.0 * Deg) / (N * Math.Pow(T(49.0 * Deg), N));
    private static readonly double RF = AF * Math.Pow(T(46.5 * Deg), N);

    /// <summary>WGS84 (RGF93) degrees to Lambert-93 metres.</summary>
    public static void Project(double lon, double lat, out double x, out double y)
    {
        double r = AF * Math.Pow(T(lat * Deg), N);
        double theta = N * (lon - 3.0) * Deg;
        x = 700000.0 + r * Math.Sin(theta);
        y = 6600000.0 + RF - r * Math.Cos(theta);
    }

    private static double M(double phi) => Math.Cos(phi) / Math.Sqrt(1.0 - E * E * Math.Sin(phi) * Math.Sin(phi));

    private static double T(double phi)
    {
        double es = E * Math.Sin(phi);
        return Math.Tan(Math.PI / 4.0 - phi / 2.0) / Math.Pow((1.0 - es) / (1.0 + es), E / 2.0);
    }
}
