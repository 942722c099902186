using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace Geographie.Spatial.Tests;

/// <summary>The in-house Lambert-93 and UTM maths against ProjNET (built from WKT) within 1 mm, plus inverses and territory choice.</summary>
public sealed class MetricProjectionTests
{
    internal const string Lambert93Wkt = "PROJCS[\"RGF93 / Lambert-93\",GEOGCS[\"RGF93\",DATUM[\"Reseau_Geodesique_Francais_1993\",SPHEROID[\"GRS 1980\",6378137,298.257222101,AUTHORITY[\"EPSG\",\"7019\"]],TOWGS84[0,0,0,0,0,0,0],AUTHORITY[\"EPSG\",\"6171\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4171\"]],PROJECTION[\"Lambert_Conformal_Conic_2SP\"],PARAMETER[\"standard_parallel_1\",49],PARAMETER[\"standard_parallel_2\",44],PARAMETER[\"latitude_of_origin\",46.5],PARAMETER[\"central_meridian\",3],PARAMETER[\"false_easting\",700000],PARAMETER[\"false_northing\",6600000],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"X\",EAST],AXIS[\"Y\",NORTH],AUTHORITY[\"EPSG\",\"2154\"]]";

    public static TheoryData<int, double, double, double, double> Territories => new()
    {
        // srid, lon range, lat range
        { 2154, -5.5, 10.0, 41.0, 51.5 },
        { 5490, -63.2, -60.7, 14.3, 18.2 },
        { 2972, -54.7, -51.5, 2.0, 6.0 },
        { 2975, 55.1, 55.9, -21.5, -20.8 },
        { 4471, 44.9, 45.4, -13.1, -12.5 },
    };

    [Theory]
    [MemberData(nameof(Territories))]
    public void AgreesWithProjNet_Within1mm(int srid, double lon0, double lon1, double lat0, double lat1)
    {
        var pcs = (ProjectedCoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(Wkt(srid));
        MathTransform transform = new CoordinateTransformationFactory()
            .CreateFromCoordinateSystems(pcs.GeographicCoordinateSystem, pcs).MathTransform;
        MetricCrs crs = MetricCrs.FromSrid(srid);
        Assert.Equal(srid, crs.Srid);
        var rng = new Random(srid);
        for (int i = 0; i < 2000; i++)
        {
            double lon = lon0 + rng.NextDouble() * (lon1 - lon0), lat = lat0 + rng.NextDouble() * (lat1 - lat0);
            (double ex, double ey) = transform.Transform(lon, lat);
            crs.Project(lon, lat, out double x, out double y);
            Assert.True(Math.Abs(x - ex) < 1e-3 && Math.Abs(y - ey) < 1e-3, $"EPSG:{srid} ({lon}, {lat}): ({x}, {y}) vs ProjNET ({ex}, {ey})");
            Assert.Equal(crs, MetricProjection.ForLocation(lon, lat));
            crs.Unproject(x, y, out double lonBack, out double latBack);
            Assert.Equal(lon, lonBack, 1e-10);
            Assert.Equal(lat, latBack, 1e-10);
        }
    }

    [Fact]
    public void Lambert93_KnownPoint()
    {
        // IGN reference: the projection origin (3°E, 46.5°N) maps to the false origin.
        MetricCrs.Lambert93.Project(3, 46.5, out double x, out double y);
        Assert.Equal(700000, x, 1e-6);
        Assert.Equal(6600000, y, 1e-6);
        Assert.Equal(MetricCrs.Lambert93, default);
        Assert.Equal(MetricCrs.Lambert93, MetricProjection.ForLocation(9.15, 42.0)); // Corsica
        Assert.Throws<ArgumentOutOfRangeException>(() => MetricCrs.FromSrid(4326));
    }

    private static string Wkt(int srid) => srid switch
    {
        2154 => Lambert93Wkt,
        5490 => Utm("RGAF09 / UTM zone 20N", -63, 0),
        2972 => Utm("RGFG95 / UTM zone 22N", -51, 0),
        2975 => Utm("RGR92 / UTM zone 40S", 57, 10000000),
        4471 => Utm("RGM04 / UTM zone 38S", 45, 10000000),
        _ => throw new ArgumentOutOfRangeException(nameof(srid)),
    };

    private static string Utm(string name, double centralMeridian, double falseNorthing) =>
        $"PROJCS[\"{name}\",GEOGCS[\"GRS80 datum\",DATUM[\"towgs84_zero\",SPHEROID[\"GRS 1980\",6378137,298.257222101],TOWGS84[0,0,0,0,0,0,0]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",{centralMeridian}],PARAMETER[\"scale_factor\",0.9996],PARAMETER[\"false_easting\",500000],PARAMETER[\"false_northing\",{falseNorthing}],UNIT[\"metre\",1],AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH]]";
}
