using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Implementation;

namespace Geographie.Spatial.Areas;

/// <summary>
/// Copies of geometries between WGS84 longitude/latitude and one <see cref="MetricCrs"/>, vertex by vertex with the
/// in-process projections (no densification: a projected edge stays straight, as with PostGIS <c>ST_Transform</c>).
/// Thread-safe; the input is never modified, except by <see cref="ProjectInPlace"/>.
/// </summary>
public static class MetricGeometry
{
    /// <summary>
    /// A copy of <paramref name="wgs84"/> (x = lon, y = lat, degrees; a Polygon or MultiPolygon) in <paramref name="crs"/>
    /// (metres), SRID set, each ring one packed array of x, y (any z or m is dropped: areas are planar).
    /// </summary>
    /// <remarks>
    /// Projects while copying, straight from the source's coordinates into the new rings' arrays: no intermediate copy
    /// in degrees, no <see cref="Coordinate"/> per vertex, no per-vertex calls through <see cref="CoordinateSequence"/>
    /// on the way out. The copy is what each measure of a shared outline (a commune's) costs.
    /// </remarks>
    public static Geometry Project(Geometry wgs84, MetricCrs crs)
    {
        var factory = wgs84.Factory;
        Geometry projected = wgs84 switch
        {
            Polygon polygon => ProjectPolygon(polygon, crs, factory),
            MultiPolygon multi => factory.CreateMultiPolygon([.. Enumerable.Range(0, multi.NumGeometries).Select(i => ProjectPolygon((Polygon)multi.GetGeometryN(i), crs, factory))]),
            _ => throw new ArgumentException($"A {wgs84.GeometryType} is not polygonal.", nameof(wgs84)),
        };
        projected.SRID = crs.Srid;
        return projected;
    }

    private static Polygon ProjectPolygon(Polygon polygon, MetricCrs crs, GeometryFactory factory)
    {
        if (polygon.IsEmpty)
        {
            return factory.CreatePolygon();
        }

        var holes = new LinearRing[polygon.NumInteriorRings];
        for (int i = 0; i < holes.Length; i++)
        {
            holes[i] = ProjectRing(polygon.GetInteriorRingN(i).CoordinateSequence, crs, factory);
        }

        return factory.CreatePolygon(ProjectRing(polygon.ExteriorRing.CoordinateSequence, crs, factory), holes);
    }

    private static LinearRing ProjectRing(CoordinateSequence source, MetricCrs crs, GeometryFactory factory)
    {
        var xy = new double[2 * source.Count];
        if (source is PackedDoubleCoordinateSequence packed)
        {
            ProjectPacked(packed.GetRawCoordinates(), packed.Dimension, xy, crs);
        }
        else
        {
            for (int i = 0; i < source.Count; i++)
            {
                crs.Project(source.GetX(i), source.GetY(i), out xy[2 * i], out xy[2 * i + 1]);
            }
        }

        return factory.CreateLinearRing(new PackedDoubleCoordinateSequence(xy, 2, 0));
    }

    /// <summary>Projects the x, y of every <paramref name="stride"/>-wide vertex of <paramref name="source"/> into the packed x, y of <paramref name="target"/> (which may be the source, when the stride is 2).</summary>
    private static void ProjectPacked(double[] source, int stride, double[] target, MetricCrs crs)
    {
        for (int i = 0, j = 0; i < source.Length; i += stride, j += 2)
        {
            crs.Project(source[i], source[i + 1], out target[j], out target[j + 1]);
        }
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
    /// The envelope of every vertex of <paramref name="geometry"/>, the holes' too (NTS takes a polygon's from its shell
    /// alone, and a hole reaching out of its shell is a fault to name, not to miss), read straight from packed rings as
    /// <see cref="FlatRings"/> reads them: NTS widens its envelope a vertex at a time through the sequence, about ten
    /// times the cost of this loop. Any other geometry's is its <see cref="Geometry.EnvelopeInternal"/>.
    /// </summary>
    public static Envelope VertexEnvelope(Geometry geometry)
    {
        if (geometry is not (Polygon or MultiPolygon))
        {
            return geometry.EnvelopeInternal;
        }

        double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        double[]? scratch = null;
        for (int g = 0; g < geometry.NumGeometries; g++)
        {
            var polygon = (Polygon)geometry.GetGeometryN(g);
            for (int r = -1; r < polygon.NumInteriorRings; r++)
            {
                var seq = (r < 0 ? polygon.ExteriorRing : polygon.GetInteriorRingN(r)).CoordinateSequence;
                var xy = FlatRings.Ordinates(seq, ref scratch, out int stride);
                for (int i = 0, end = stride * seq.Count; i < end; i += stride)
                {
                    // A NaN ordinate widens nothing (NTS's envelope would take one met first; no JSON number is NaN).
                    double x = xy[i], y = xy[i + 1];
                    minX = x < minX ? x : minX;
                    maxX = x > maxX ? x : maxX;
                    minY = y < minY ? y : minY;
                    maxY = y > maxY ? y : maxY;
                }
            }
        }

        return minX <= maxX ? new Envelope(minX, maxX, minY, maxY) : new Envelope();
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
            // The body reader's rings: the array itself, not four calls through the sequence per vertex.
            if (forward && seq is PackedDoubleCoordinateSequence { Dimension: 2 } packed)
            {
                var xy = packed.GetRawCoordinates();
                ProjectPacked(xy, 2, xy, crs);
                packed.ReleaseCoordinateArray();
                return;
            }

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
