using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace Geographie.Import.Projection;

/// <summary>
/// RGF93 / Lambert-93 (EPSG:2154) ⇄ WGS84 with ProjNET. ProjNET has no EPSG database, so the WKT below is
/// the one of PostGIS <c>spatial_ref_sys</c> (srid 2154). RGF93 and WGS84 are taken as identical (TOWGS84 all
/// zero), as PostGIS and the IGN do. Thread-safe: each call creates its own transform.
/// </summary>
public static class Lambert93
{
    /// <summary>EPSG code of Lambert-93.</summary>
    public const int Srid = 2154;

    /// <summary>The WKT of EPSG:2154 as PostGIS 3.3 ships it.</summary>
    public const string Wkt = """PROJCS["RGF93 / Lambert-93",GEOGCS["RGF93",DATUM["Reseau_Geodesique_Francais_1993",SPHEROID["GRS 1980",6378137,298.257222101,AUTHORITY["EPSG","7019"]],TOWGS84[0,0,0,0,0,0,0],AUTHORITY["EPSG","6171"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4171"]],PROJECTION["Lambert_Conformal_Conic_2SP"],PARAMETER["standard_parallel_1",49],PARAMETER["standard_parallel_2",44],PARAMETER["latitude_of_origin",46.5],PARAMETER["central_meridian",3],PARAMETER["false_easting",700000],PARAMETER["false_northing",6600000],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["X",EAST],AXIS["Y",NORTH],AUTHORITY["EPSG","2154"]]""";

    private static readonly CoordinateSystem Lambert = (CoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(Wkt);

    /// <summary>True when a .prj or WKT text describes Lambert-93.</summary>
    public static bool IsLambert93Wkt(string wkt) =>
        wkt.Contains("Lambert-93", StringComparison.OrdinalIgnoreCase)
        || wkt.Contains("Lambert_93", StringComparison.OrdinalIgnoreCase)
        || wkt.Contains("RGF93_Lambert", StringComparison.OrdinalIgnoreCase)
        || (wkt.Contains("RGF", StringComparison.OrdinalIgnoreCase) && wkt.Contains("Lambert_Conformal_Conic", StringComparison.OrdinalIgnoreCase));

    /// <summary>A fresh Lambert-93 → WGS84 transform (not thread-safe itself).</summary>
    public static MathTransform ToWgs84() =>
        new CoordinateTransformationFactory().CreateFromCoordinateSystems(Lambert, GeographicCoordinateSystem.WGS84).MathTransform;

    /// <summary>A fresh WGS84 → Lambert-93 transform (not thread-safe itself).</summary>
    public static MathTransform FromWgs84() =>
        new CoordinateTransformationFactory().CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, Lambert).MathTransform;

    /// <summary>A copy of <paramref name="geometry"/> with every coordinate passed through <paramref name="transform"/>, SRID set.</summary>
    public static Geometry Transform(Geometry geometry, MathTransform transform, int targetSrid)
    {
        var copy = geometry.Copy();
        copy.Apply(new TransformFilter(transform));
        copy.SRID = targetSrid;
        copy.GeometryChanged();
        return copy;
    }

    private sealed class TransformFilter(MathTransform transform) : ICoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (x, y) = transform.Transform(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, x);
            seq.SetY(i, y);
        }
    }
}
