namespace Geographie.Spatial.Projection;

/// <summary>
/// Transverse Mercator with the Krüger series to sixth order in the third flattening n (Karney 2011), as used by
/// PROJ's default <c>tmerc</c>; sub-millimetre within a UTM zone. GRS80 ellipsoid, latitude of origin 0.
/// Immutable and thread-safe.
/// </summary>
internal sealed class TransverseMercator : ConformalProjection
{
    private readonly double _lon0;
    private readonly double _k0A;
    private readonly double _fe;
    private readonly double _fn;
    private readonly double _e;
    private readonly double[] _alpha;
    private readonly double[] _beta;

    public TransverseMercator(double lon0, double k0, double falseEasting, double falseNorthing)
    {
        double n = F / (2.0 - F);
        double n2 = n * n, n3 = n2 * n, n4 = n3 * n, n5 = n4 * n, n6 = n5 * n;
        double rectifyingRadius = A / (1.0 + n) * (1.0 + n2 / 4.0 + n4 / 64.0 + n6 / 256.0);
        _k0A = k0 * rectifyingRadius;
        _lon0 = lon0 * Deg;
        _fe = falseEasting;
        _fn = falseNorthing;
        _e = Math.Sqrt(E2);
        _alpha =
        [
            n / 2.0 - 2.0 / 3.0 * n2 + 5.0 / 16.0 * n3 + 41.0 / 180.0 * n4 - 127.0 / 288.0 * n5 + 7891.0 / 37800.0 * n6,
            13.0 / 48.0 * n2 - 3.0 / 5.0 * n3 + 557.0 / 1440.0 * n4 + 281.0 / 630.0 * n5 - 1983433.0 / 1935360.0 * n6,
            61.0 / 240.0 * n3 - 103.0 / 140.0 * n4 + 15061.0 / 26880.0 * n5 + 167603.0 / 181440.0 * n6,
            49561.0 / 161280.0 * n4 - 179.0 / 168.0 * n5 + 6601661.0 / 7257600.0 * n6,
            34729.0 / 80640.0 * n5 - 3418889.0 / 1995840.0 * n6,
            212378941.0 / 319334400.0 * n6,
        ];
        _beta =
        [
            n / 2.0 - 2.0 / 3.0 * n2 + 37.0 / 96.0 * n3 - 1.0 / 360.0 * n4 - 81.0 / 512.0 * n5 + 96199.0 / 604800.0 * n6,
            1.0 / 48.0 * n2 + 1.0 / 15.0 * n3 - 437.0 / 1440.0 * n4 + 46.0 / 105.0 * n5 - 1118711.0 / 3870720.0 * n6,
            17.0 / 480.0 * n3 - 37.0 / 840.0 * n4 - 209.0 / 4480.0 * n5 + 5569.0 / 90720.0 * n6,
            4397.0 / 161280.0 * n4 - 11.0 / 504.0 * n5 - 830251.0 / 7257600.0 * n6,
            4583.0 / 161280.0 * n5 - 108847.0 / 3991680.0 * n6,
            20648693.0 / 638668800.0 * n6,
        ];
    }

    /// <summary>UTM zone with the given central meridian, k0 = 0.9996, FE 500 000 m, FN 0 (north) or 10 000 000 m (south).</summary>
    public static TransverseMercator Utm(double centralMeridian, bool south) =>
        new(centralMeridian, 0.9996, 500000.0, south ? 10000000.0 : 0.0);

    public override void Forward(double lon, double lat, out double x, out double y)
    {
        double phi = lat * Deg;
        double lam = lon * Deg - _lon0;
        // Conformal latitude via tau' (Karney eq. 7–9), stable near the poles.
        double tau = Math.Tan(phi);
        double sqrt1Tau = Math.Sqrt(1.0 + tau * tau);
        double sigma = Math.Sinh(_e * Math.Atanh(_e * tau / sqrt1Tau));
        double tauP = tau * Math.Sqrt(1.0 + sigma * sigma) - sigma * sqrt1Tau;
        (double sinLam, double cosLam) = Math.SinCos(lam);
        double xiP = Math.Atan2(tauP, cosLam);
        double etaP = Math.Asinh(sinLam / Math.Sqrt(tauP * tauP + cosLam * cosLam));
        double xi = xiP, eta = etaP;
        for (int j = 1; j <= 6; j++)
        {
            (double s, double c) = Math.SinCos(2.0 * j * xiP);
            xi += _alpha[j - 1] * s * Math.Cosh(2.0 * j * etaP);
            eta += _alpha[j - 1] * c * Math.Sinh(2.0 * j * etaP);
        }

        x = _fe + _k0A * eta;
        y = _fn + _k0A * xi;
    }

    public override void Inverse(double x, double y, out double lon, out double lat)
    {
        double xi = (y - _fn) / _k0A;
        double eta = (x - _fe) / _k0A;
        double xiP = xi, etaP = eta;
        for (int j = 1; j <= 6; j++)
        {
            (double s, double c) = Math.SinCos(2.0 * j * xi);
            xiP -= _beta[j - 1] * s * Math.Cosh(2.0 * j * eta);
            etaP -= _beta[j - 1] * c * Math.Sinh(2.0 * j * eta);
        }

        double sinhEta = Math.Sinh(etaP);
        (double sinXi, double cosXi) = Math.SinCos(xiP);
        double r = Math.Sqrt(sinhEta * sinhEta + cosXi * cosXi);
        double tauP = sinXi / r;
        // Newton iteration for tau = tan(phi) from tau' (Karney eq. 19–21).
        double tau = tauP;
        for (int i = 0; i < 10; i++)
        {
            double sqrt1Tau = Math.Sqrt(1.0 + tau * tau);
            double sigma = Math.Sinh(_e * Math.Atanh(_e * tau / sqrt1Tau));
            double tauI = tau * Math.Sqrt(1.0 + sigma * sigma) - sigma * sqrt1Tau;
            double sqrt1TauI = Math.Sqrt(1.0 + tauI * tauI);
            double dTau = (tauP - tauI) / sqrt1TauI * (1.0 + (1.0 - E2) * tau * tau) / ((1.0 - E2) * sqrt1Tau);
            tau += dTau;
            if (Math.Abs(dTau) < 1e-15 * Math.Max(1.0, Math.Abs(tau)))
            {
                break;
            }
        }

        lat = Math.Atan(tau) / Deg;
        lon = (_lon0 + Math.Atan2(sinhEta, cosXi)) / Deg;
    }
}
