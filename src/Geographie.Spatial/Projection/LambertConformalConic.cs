using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    private readonly double _lnT0;

    /// <summary>Latitude band (degrees) of the r(φ) table: metropolitan France and Corsica (41.3°–51.1°) with a margin.</summary>
    private const double TableSouth = 41.0;

    private const double TableNorth = 51.5;

    /// <summary>Width (degrees) of one table interval.</summary>
    private const double TableStep = 0.25;

    /// <summary>Degree of the per-interval polynomial (Chebyshev interpolation at <see cref="TableDegree"/> + 1 nodes).</summary>
    private const int TableDegree = 5;

    private const int TableIntervals = (int)((TableNorth - TableSouth) / TableStep);

    /// <summary>Per interval, the monomial coefficients of r in u ∈ [−1, 1] (u = −1 at the interval's south edge).</summary>
    private readonly double[] _rTable;

    /// <summary>|θ| up to which the short sin/cos series below are exact to the last bit (the first term left out is
    /// below 1e-21 of the sum): longitudes −6.9° to 12.9°, all of metropolitan France and Corsica.</summary>
    private const double SeriesLimit = 0.125;

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
        _lnT0 = LnT(Math.Sin(lat0 * Deg));
        _rTable = RadiusTable();
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

    /// <remarks>
    /// The same formula as <see cref="T"/> rewritten to cost a Sin, a Log and an Exp instead of a Tan, two Pow and a
    /// SinCos: r = r_F·exp(n·(ln t − ln t_F)) with ln t(φ) = −atanh(sin φ) + e·atanh(e·sin φ), the second by its series
    /// (e·sin φ ≤ 0.082), and sin θ, cos θ − 1 by their Taylor series while θ is small (all of metropolitan France).
    /// The series use fused multiply-adds: each Horner step then waits for one rounding instead of two.
    /// Within the latitudes of metropolitan France r comes from a table of degree-5 polynomials (see
    /// <see cref="RadiusTable"/>), which costs a Horner chain instead of the Sin, Log and Exp.
    /// </remarks>
    public override void Forward(double lon, double lat, out double x, out double y)
    {
        double f = (lat - TableSouth) * (1.0 / TableStep);
        double r;
        if (f >= 0 && f < TableIntervals)
        {
            int i = (int)f;
            double u = 2.0 * (f - i) - 1.0;
            ref double c = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_rTable), (TableDegree + 1) * i);
            r = Math.FusedMultiplyAdd(u, Unsafe.Add(ref c, 5), Unsafe.Add(ref c, 4));
            r = Math.FusedMultiplyAdd(u, r, Unsafe.Add(ref c, 3));
            r = Math.FusedMultiplyAdd(u, r, Unsafe.Add(ref c, 2));
            r = Math.FusedMultiplyAdd(u, r, Unsafe.Add(ref c, 1));
            r = Math.FusedMultiplyAdd(u, r, c);
        }
        else
        {
            r = Radius(lat);
        }

        double theta = _n * (lon * Deg - _lon0);
        double sin, cosm1;
        if (Math.Abs(theta) <= SeriesLimit)
        {
            SinCosM1Series(theta, out sin, out cosm1);
        }
        else
        {
            (sin, double cos) = Math.SinCos(theta);
            cosm1 = cos - 1.0;
        }

        x = _fe + r * sin;
        y = _fn + (_rF - r) - r * cosm1;
    }

    /// <summary>r(φ) by the closed form: r_F·exp(n·(ln t − ln t_F)).</summary>
    private double Radius(double lat) => _rF * Math.Exp(_n * (LnT(Math.Sin(lat * Deg)) - _lnT0));

    /// <summary>
    /// The r(φ) table: per <see cref="TableStep"/> interval, the degree-<see cref="TableDegree"/> polynomial that
    /// interpolates the closed form at the Chebyshev nodes, in monomial form. Its error is at most
    /// max|r⁽⁶⁾|·(h/2)⁶ / (6!·2⁵) with h = 0.25° = 4.4e-3 rad: r⁽⁶⁾ (in radians) stays below 1e11 m over the band
    /// (r ≈ 6e6 m times powers of n·sec φ ≤ 1.3 and their derivatives), so below 1e-10 m, under the rounding of r
    /// itself (~1e-9 m); the tests check it against the textbook formula on a 1e-4° latitude sweep.
    /// </summary>
    private double[] RadiusTable()
    {
        var table = new double[(TableDegree + 1) * TableIntervals];
        Span<double> values = stackalloc double[TableDegree + 1];
        Span<double> cheb = stackalloc double[TableDegree + 1];
        const int nodes = TableDegree + 1;
        for (int i = 0; i < TableIntervals; i++)
        {
            for (int k = 0; k < nodes; k++)
            {
                double u = Math.Cos(Math.PI * (k + 0.5) / nodes);
                values[k] = Radius(TableSouth + (i + (u + 1.0) / 2.0) * TableStep);
            }

            for (int j = 0; j < nodes; j++)
            {
                double sum = 0;
                for (int k = 0; k < nodes; k++)
                {
                    sum += values[k] * Math.Cos(Math.PI * j * (k + 0.5) / nodes);
                }

                cheb[j] = sum * (j == 0 ? 1.0 : 2.0) / nodes;
            }

            // T0..T5 in powers of u: 1, u, 2u² − 1, 4u³ − 3u, 8u⁴ − 8u² + 1, 16u⁵ − 20u³ + 5u.
            Span<double> c = table.AsSpan((TableDegree + 1) * i, TableDegree + 1);
            c[0] = cheb[0] - cheb[2] + cheb[4];
            c[1] = cheb[1] - 3 * cheb[3] + 5 * cheb[5];
            c[2] = 2 * cheb[2] - 8 * cheb[4];
            c[3] = 4 * cheb[3] - 20 * cheb[5];
            c[4] = 8 * cheb[4];
            c[5] = 16 * cheb[5];
        }

        return table;
    }

    /// <summary>ln t(φ) from sin φ: −atanh(sin φ) + e·atanh(e·sin φ), the second as e²·s·Σ (e²s²)^k / (2k + 1).</summary>
    private static double LnT(double s)
    {
        double x2 = E2 * s * s;
        double series = Math.FusedMultiplyAdd(x2, 1.0 / 15, 1.0 / 13);
        series = Math.FusedMultiplyAdd(x2, series, 1.0 / 11);
        series = Math.FusedMultiplyAdd(x2, series, 1.0 / 9);
        series = Math.FusedMultiplyAdd(x2, series, 1.0 / 7);
        series = Math.FusedMultiplyAdd(x2, series, 1.0 / 5);
        series = Math.FusedMultiplyAdd(x2, series, 1.0 / 3);
        series = Math.FusedMultiplyAdd(x2, series, 1.0);
        return Math.FusedMultiplyAdd(E2 * s, series, -0.5 * Math.Log((1.0 + s) / (1.0 - s)));
    }

    /// <summary>sin θ and cos θ − 1 for |θ| ≤ <see cref="SeriesLimit"/>: Taylor to θ^11 and θ^12.</summary>
    private static void SinCosM1Series(double t, out double sin, out double cosm1)
    {
        double t2 = t * t;
        double s = Math.FusedMultiplyAdd(t2, -1.0 / 39916800, 1.0 / 362880);
        s = Math.FusedMultiplyAdd(t2, s, -1.0 / 5040);
        s = Math.FusedMultiplyAdd(t2, s, 1.0 / 120);
        s = Math.FusedMultiplyAdd(t2, s, -1.0 / 6);
        sin = Math.FusedMultiplyAdd(t * t2, s, t);
        double c = Math.FusedMultiplyAdd(t2, 1.0 / 479001600, -1.0 / 3628800);
        c = Math.FusedMultiplyAdd(t2, c, 1.0 / 40320);
        c = Math.FusedMultiplyAdd(t2, c, -1.0 / 720);
        c = Math.FusedMultiplyAdd(t2, c, 1.0 / 24);
        c = Math.FusedMultiplyAdd(t2, c, -1.0 / 2);
        cosm1 = t2 * c;
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
