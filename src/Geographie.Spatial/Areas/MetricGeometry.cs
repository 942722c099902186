using NetTopologySuite.Geometries;

namespace Geographie.Spatial.Areas;

/// <summary>
/// Copies of geometries between WGS84 longitude/latitude and one <see cref="MetricCrs"/>, vertex by vertex with the
/// in-process projections (no densification: a projected edge stays straight, as with PostGIS <c>ST_Transform</c>).
/// Thread-safe; the input is never modified, except by <see cref="ProjectInPlace"/>.
/// </summary>
public static class MetricGeometry
{
    /// <summary>A copy of <paramref name="wgs84"/> (x = lon, y = lat, degrees) in <paramref name="crs"/> (metres), SRID set.</summary>
    public static Geometry Project(Geometry wgs84, MetricCrs crs)
    {
        var copy = wgs84.Copy();
        ProjectInPlace(copy, crs);
        return copy;
    }

    /// <summary>
    /// Projects <paramref name="wgs84"/> itself into <paramref name="crs"/> (SRID set), for a geometry the caller owns
    /// and will not read in degrees again: the copy <see cref="Project"/> makes is then needless.
    /// </summary>
    public static void ProjectInPlace(Geometry wgs84, MetricCrs crs)
    {
        wgs84.Apply(new ProjectionFilter(crs, forward: true));
        wgs84.SRID = crs.Srid;
    }

    /// <summary>The WGS84 lon/lat envelope of the four corners of <paramref name="metric"/> (metres in <paramref name="crs"/>).</summary>
    public static Envelope UnprojectCorners(Envelope metric, MetricCrs crs)
    {
        var envelope = new Envelope();
        foreach (var (x, y) in new[] { (metric.MinX, metric.MinY), (metric.MaxX, metric.MinY), (metric.MinX, metric.MaxY), (metric.MaxX, metric.MaxY) })
        {
            crs.Unproject(x, y, out var lon, out var lat);
            envelope.ExpandToInclude(lon, lat);
        }

        return envelope;
    }

    /// <summary>A copy of <paramref name="metric"/> (metres in <paramref name="crs"/>) in WGS84 lon/lat degrees, SRID 4326.</summary>
    public static Geometry Unproject(Geometry metric, MetricCrs crs)
    {
        var copy = metric.Copy();
        copy.Apply(new ProjectionFilter(crs, forward: false));
        copy.SRID = 4326;
        return copy;
    }

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
