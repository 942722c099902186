namespace Geographie.Spatial.Projection;

/// <summary>
/// Lambert Conformal Conic with two standard parallels (EPSG method 9802, IOGP guidance note 7-2 §3.1.1.1)
/// on GRS80. Used for Lambert-93 (EPSG:2154). Immutable and thread-safe.
/// </summary>
internal sealed class LambertConformalConic : ConformalProjection
{
    private readonly double _e;
    private readonly double _n;
    private readonly double _aF;
    private readonly double _rF;
    private readonly double _lon0;
    private readonly double _fe;
    private readonly double _fn;

    public LambertConformalConic(double lat1, double lat2, double lat0, double lon0, double falseEasting, double falseNorthing)
    {
        _e = Math.Sqrt(E2);
        double p1 = lat1 * Deg, p2 = lat2 * Deg;
        double m1 = M(p1), m2 = M(p2);
        double t1 = T(p1), t2 = T(p2);
        _n = (Math.Log(m1) - Math.Log(m2)) / (Math.Log(t1) - Math.Log(t2));
        _aF = A * m1 / (_n * Math.Pow(t1, _n));
        _rF = _aF * Math.Pow(T(lat0 * Deg), _n);
        _lon0 = lon0 * Deg;
        _fe = falseEasting;
        _fn = falseNorthing;
    }

    /// <summary>Lambert-93: RGF93, parallels 49°/44°, origin 46.5°N 3°E, false origin 700 000 / 6 600 000 m.</summary>
    public static LambertConformalConic Lambert93 { get; } = new(49.0, 44.0, 46.5, 3.0, 700000.0, 6600000.0);

    private double M(double phi)
    {
        double s = Math.Sin(phi);
        return Math.Cos(phi) / Math.Sqrt(1.0 - E2 * s * s);
    }

    private double T(double phi)
    {
        double es = _e * Math.Sin(phi);
        return Math.Tan(Math.PI / 4.0 - phi / 2.0) / Math.Pow((1.0 - es) / (1.0 + es), _e / 2.0);
    }

    public override void Forward(double lon, double lat, out double x, out double y)
    {
        double r = _aF * Math.Pow(T(lat * Deg), _n);
        double theta = _n * (lon * Deg - _lon0);
        (double sin, double cos) = Math.SinCos(theta);
        x = _fe + r * sin;
        y = _fn + _rF - r * cos;
    }

    public override void Inverse(double x, double y, out double lon, out double lat)
    {
        double dx = x - _fe;
        double dy = _rF - (y - _fn);
        double r = Math.Sqrt(dx * dx + dy * dy);
        double t = Math.Pow(r / _aF, 1.0 / _n);
        double theta = Math.Atan2(dx, dy);
        double phi = Math.PI / 2.0 - 2.0 * Math.Atan(t);
        for (int i = 0; i < 30; i++)
        {
            double es = _e * Math.Sin(phi);
            double next = Math.PI / 2.0 - 2.0 * Math.Atan(t * Math.Pow((1.0 - es) / (1.0 + es), _e / 2.0));
            bool done = Math.Abs(next - phi) < 1e-15;
            phi = next;
            if (done)
            {
                break;
            }
        }

        lon = (theta / _n + _lon0) / Deg;
        lat = phi / Deg;
    }
}
