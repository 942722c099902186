using System.Globalization;
using NetTopologySuite.Geometries;
using Geographie.Spatial.Tests.Support;
using Npgsql;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace Geographie.Spatial.Tests;

/// <summary>
/// The series form of the Lambert-93 forward projection against three oracles on real places: the textbook formula
/// (IOGP 7-2: Tan and two Pow), ProjNET, and PostGIS <c>ST_Transform(…, 2154)</c>, all within 1 mm. The places: a
/// 0.05° grid over metropolitan France and Corsica, every vertex of the shipped perimeters, and the shipped points
/// (metro stops, bike stations, BAL addresses).
/// </summary>
public sealed class Lambert93DifferentialTests
{
    private const double Tolerance = 1e-3;

    private const string DefaultConnection = "Host=127.0.0.1;Port=55432;Username=geographie;Password=geographie;Database=geographie";

    private const string TransformQuery = """
        SELECT t.i::int, ST_X(g), ST_Y(g)
        FROM unnest(@lons, @lats) WITH ORDINALITY AS t(lon, lat, i),
             LATERAL ST_Transform(ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326), 2154) AS g
        ORDER BY t.i;
        """;

    [Fact]
    public void AgreesWithTextbookFormula_OnRealPlaces()
    {
        (double[] lons, double[] lats) = Places(gridStep: 0.05);
        Assert.True(lons.Length > 100_000, $"{lons.Length} places");
        double worst = 0;
        for (int i = 0; i < lons.Length; i++)
        {
            MetricCrs.Lambert93.Project(lons[i], lats[i], out double x, out double y);
            TextbookLambert93.Project(lons[i], lats[i], out double ex, out double ey);
            worst = Math.Max(worst, Math.Max(Math.Abs(x - ex), Math.Abs(y - ey)));
        }

        Assert.True(worst < Tolerance, $"worst {worst} m");
    }

    /// <summary>
    /// Between 41° and 51.5° the radius r(φ) comes from a table of polynomials whose error is bounded far below a
    /// micrometre: a 1e-4° latitude sweep (every table interval, both sides of every interval edge) at the western,
    /// central and eastern longitudes must agree with the textbook formula within 1 µm.
    /// </summary>
    [Fact]
    public void RadiusTableAgreesWithTextbookFormula_WithinAMicrometre()
    {
        double worst = 0;
        foreach (double lon in new[] { -5.5, 3.0, 10.0 })
        {
            for (int k = 0; k <= 105_000; k++)
            {
                foreach (double lat in new[] { 41.0 + k * 1e-4, Math.BitDecrement(41.0 + k * 1e-4) })
                {
                    MetricCrs.Lambert93.Project(lon, lat, out double x, out double y);
                    TextbookLambert93.Project(lon, lat, out double ex, out double ey);
                    worst = Math.Max(worst, Math.Max(Math.Abs(x - ex), Math.Abs(y - ey)));
                }
            }
        }

        Assert.True(worst < 1e-6, $"worst {worst} m");
    }

    [Theory]
    [InlineData(-30.0, 30.0)]
    [InlineData(40.0, 65.0)]
    [InlineData(-120.0, 10.0)]
    public void AgreesWithTextbookFormula_BeyondTheSeries(double lon, double lat)
    {
        // Far from France the arguments leave the series' range and the library functions answer instead.
        MetricCrs.Lambert93.Project(lon, lat, out double x, out double y);
        TextbookLambert93.Project(lon, lat, out double ex, out double ey);
        Assert.Equal(ex, x, Tolerance);
        Assert.Equal(ey, y, Tolerance);
    }

    [Fact]
    public void AgreesWithProjNet_OnRealPlaces()
    {
        var pcs = (ProjectedCoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(MetricProjectionTests.Lambert93Wkt);
        MathTransform transform = new CoordinateTransformationFactory()
            .CreateFromCoordinateSystems(pcs.GeographicCoordinateSystem, pcs).MathTransform;
        (double[] lons, double[] lats) = Places(gridStep: 0.05);
        for (int i = 0; i < lons.Length; i++)
        {
            (double ex, double ey) = transform.Transform(lons[i], lats[i]);
            MetricCrs.Lambert93.Project(lons[i], lats[i], out double x, out double y);
            Assert.True(Math.Abs(x - ex) < Tolerance && Math.Abs(y - ey) < Tolerance, $"({lons[i]}, {lats[i]}): ({x}, {y}) vs ProjNET ({ex}, {ey})");
        }
    }

    [Fact]
    public async Task AgreesWithStTransform_OnRealPlaces()
    {
        (double[] lons, double[] lats) = Places(gridStep: 0.25);
        string cs = Environment.GetEnvironmentVariable("GEOGRAPHIE_DB") is { Length: > 0 } env ? env : DefaultConnection;
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(TransformQuery, conn);
        cmd.Parameters.AddWithValue("lons", lons);
        cmd.Parameters.AddWithValue("lats", lats);
        await using NpgsqlDataReader reader = await cmd.ExecuteReaderAsync();
        int rows = 0;
        while (await reader.ReadAsync())
        {
            int i = reader.GetInt32(0) - 1;
            MetricCrs.Lambert93.Project(lons[i], lats[i], out double x, out double y);
            double ex = reader.GetDouble(1), ey = reader.GetDouble(2);
            Assert.True(Math.Abs(x - ex) < Tolerance && Math.Abs(y - ey) < Tolerance, $"({lons[i]}, {lats[i]}): ({x}, {y}) vs PostGIS ({ex}, {ey})");
            rows++;
        }

        Assert.Equal(lons.Length, rows);
    }

    /// <summary>The grid over metropolitan France and Corsica, the shipped perimeters' vertices and the shipped points.</summary>
    private static (double[] Lons, double[] Lats) Places(double gridStep)
    {
        var lons = new List<double>();
        var lats = new List<double>();
        for (double lat = 41.0; lat <= 51.5; lat += gridStep)
        {
            for (double lon = -5.5; lon <= 10.0; lon += gridStep)
            {
                lons.Add(lon);
                lats.Add(lat);
            }
        }

        foreach (string dataset in GeoData.All)
        {
            foreach (Perimeter p in GeoData.Load(dataset))
            {
                foreach (Coordinate c in p.Geometry.Coordinates)
                {
                    lons.Add(c.X);
                    lats.Add(c.Y);
                }
            }
        }

        AddPoints("points/rtm_metro_stops.csv", ',', "stop_lon", "stop_lat", lons, lats);
        AddPoints("points/levelo_stations_marseille.csv", ',', "lon", "lat", lons, lats);
        AddPoints("addresses/bal_54084_mont-bonvillers.csv", ';', "long", "lat", lons, lats);
        return (lons.ToArray(), lats.ToArray());
    }

    private static void AddPoints(string relative, char separator, string lonColumn, string latColumn, List<double> lons, List<double> lats)
    {
        string[] lines = File.ReadAllLines(Path.Combine(GeoData.Root, "geodata", relative));
        string[] header = lines[0].Split(separator);
        int lonAt = Array.IndexOf(header, lonColumn), latAt = Array.IndexOf(header, latColumn);
        Assert.True(lonAt >= 0 && latAt >= 0, relative);
        int added = 0;
        foreach (string line in lines.Skip(1))
        {
            // These files quote no field before the coordinates that matter here, so a plain split is enough.
            string[] fields = line.Split(separator);
            if (fields.Length > Math.Max(lonAt, latAt)
                && double.TryParse(fields[lonAt], NumberStyles.Float, CultureInfo.InvariantCulture, out double lon)
                && double.TryParse(fields[latAt], NumberStyles.Float, CultureInfo.InvariantCulture, out double lat))
            {
                lons.Add(lon);
                lats.Add(lat);
                added++;
            }
        }

        Assert.True(added > 0, relative);
    }
}
