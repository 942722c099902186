using NetTopologySuite.Geometries;

namespace Geographie.Spatial.Areas;

/// <summary>
/// Copies of geometries between WGS84 longitude/latitude and one <see cref="MetricCrs"/>, vertex by vertex with the
/// in-process projections (no densification: a projected edge stays straight, as with PostGIS <c>ST_Transform</c>).
/// Pure functions, thread-safe; the input is never modified.
/// </summary>
public static class MetricGeometry
{
    /// <summary>A copy of <paramref name="wgs84"/> (x = lon, y = lat, degrees) in <paramref name="crs"/> (metres), SRID set.</summary>
    public static Geometry Project(Geometry wgs84, MetricCrs crs) => Transform(wgs84, crs, forward: true);

    /// <summary>A copy of <paramref name="metric"/> (metres in <paramref name="crs"/>) in WGS84 lon/lat degrees, SRID 4326.</summary>
    public static Geometry Unproject(Geometry metric, MetricCrs crs) => Transform(metric, crs, forward: false);

    /// <summary>
    /// The metric CRS of a WGS84 envelope: the system of its four corners when they agree (see
    /// <see cref="MetricProjection.ForLocation"/>), null when the envelope spans two territories.
    /// </summary>
    public static MetricCrs? CrsOf(Envelope wgs84)
    {
        var crs = MetricProjection.ForLocation(wgs84.MinX, wgs84.MinY);
        return MetricProjection.ForLocation(wgs84.MaxX, wgs84.MinY) == crs
            && MetricProjection.ForLocation(wgs84.MinX, wgs84.MaxY) == crs
            && MetricProjection.ForLocation(wgs84.MaxX, wgs84.MaxY) == crs
            ? crs
            : null;
    }

    private static Geometry Transform(Geometry source, MetricCrs crs, bool forward)
    {
        var copy = source.Copy();
        copy.Apply(new ProjectionFilter(crs, forward));
        copy.SRID = forward ? crs.Srid : 4326;
        return copy;
    }

    private sealed class ProjectionFilter(MetricCrs crs, bool forward) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (int i = 0; i < seq.Count; i++)
            {
                double x, y;
                if (forward)
                {
                    crs.Project(seq.GetX(i), seq.GetY(i), out x, out y);
                }
                else
                {
                    crs.Unproject(seq.GetX(i), seq.GetY(i), out x, out y);
                }

                seq.SetX(i, x);
                seq.SetY(i, y);
            }
        }
    }
}
