using NetTopologySuite.Geometries;

namespace Geographie.Spatial.Internal;

/// <summary>
/// The perimeters flattened into arrays: closed rings of interleaved lon/lat doubles, ring and perimeter ranges,
/// bounding boxes, and the same vertices projected into each perimeter's metric CRS. Immutable after construction.
/// Edge <c>v</c> is the segment from vertex <c>v</c> to vertex <c>v + 1</c> of the same ring.
/// </summary>
internal sealed class PerimeterSet
{
    public PerimeterSet(IReadOnlyList<Perimeter> perimeters)
    {
        ArgumentNullException.ThrowIfNull(perimeters);
        int n = perimeters.Count;
        var byId = new Geometry?[n];
        foreach (Perimeter p in perimeters)
        {
            ArgumentNullException.ThrowIfNull(p);
            if ((uint)p.Id >= (uint)n || byId[p.Id] is not null)
            {
                throw new ArgumentException($"Perimeter ids must be dense and unique in 0..{n - 1}; got {p.Id}.", nameof(perimeters));
            }

            if (p.Geometry is not (Polygon or MultiPolygon))
            {
                throw new ArgumentException($"Perimeter {p.Id}: geometry must be a Polygon or MultiPolygon, not {p.Geometry?.GeometryType ?? "null"}.", nameof(perimeters));
            }

            byId[p.Id] = p.Geometry;
        }

        var rings = new List<LineString>();
        var perimRingStart = new int[n + 1];
        int vertexCount = 0;
        for (int id = 0; id < n; id++)
        {
            perimRingStart[id] = rings.Count;
            Geometry g = byId[id]!;
            for (int k = 0; k < g.NumGeometries; k++)
            {
                var poly = (Polygon)g.GetGeometryN(k);
                if (poly.IsEmpty)
                {
                    continue;
                }

                rings.Add(poly.ExteriorRing);
                vertexCount += poly.ExteriorRing.NumPoints;
                foreach (LineString hole in poly.InteriorRings)
                {
                    rings.Add(hole);
                    vertexCount += hole.NumPoints;
                }
            }
        }

        perimRingStart[n] = rings.Count;
        Count = n;
        PerimRingStart = perimRingStart;
        RingStart = new int[rings.Count + 1];
        Xy = new double[2 * vertexCount];
        ProjXy = new double[2 * vertexCount];
        Bbox = new double[4 * n];
        Crs = new byte[n];
        int v = 0;
        for (int r = 0; r < rings.Count; r++)
        {
            RingStart[r] = v;
            CoordinateSequence seq = rings[r].CoordinateSequence;
            for (int i = 0; i < seq.Count; i++, v++)
            {
                Xy[2 * v] = seq.GetX(i);
                Xy[2 * v + 1] = seq.GetY(i);
            }
        }

        RingStart[rings.Count] = v;
        for (int id = 0; id < n; id++)
        {
            double minX = double.PositiveInfinity, minY = double.PositiveInfinity;
            double maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
            int v0 = RingStart[PerimRingStart[id]], v1 = RingStart[PerimRingStart[id + 1]];
            for (int i = v0; i < v1; i++)
            {
                minX = Math.Min(minX, Xy[2 * i]);
                maxX = Math.Max(maxX, Xy[2 * i]);
                minY = Math.Min(minY, Xy[2 * i + 1]);
                maxY = Math.Max(maxY, Xy[2 * i + 1]);
            }

            Bbox[4 * id] = minX;
            Bbox[4 * id + 1] = minY;
            Bbox[4 * id + 2] = maxX;
            Bbox[4 * id + 3] = maxY;
            MetricCrs crs = v1 > v0 ? MetricProjection.ForLocation((minX + maxX) / 2, (minY + maxY) / 2) : MetricCrs.Lambert93;
            Crs[id] = (byte)crs.Ordinal;
            for (int i = v0; i < v1; i++)
            {
                crs.Project(Xy[2 * i], Xy[2 * i + 1], out ProjXy[2 * i], out ProjXy[2 * i + 1]);
            }
        }

        VertexCount = vertexCount;
    }

    /// <summary>Number of perimeters.</summary>
    public int Count { get; }

    /// <summary>Number of stored vertices (rings closed, so the closing vertex counts).</summary>
    public int VertexCount { get; }

    /// <summary>Interleaved lon, lat of every ring vertex, perimeter by perimeter in id order.</summary>
    public double[] Xy { get; }

    /// <summary>Interleaved x, y in metres, each vertex projected into its perimeter's metric CRS.</summary>
    public double[] ProjXy { get; }

    /// <summary>First vertex of each ring; length rings + 1.</summary>
    public int[] RingStart { get; }

    /// <summary>First ring of each perimeter; length perimeters + 1.</summary>
    public int[] PerimRingStart { get; }

    /// <summary>minX, minY, maxX, maxY (degrees) per perimeter.</summary>
    public double[] Bbox { get; }

    /// <summary><see cref="MetricCrs.Ordinal"/> of each perimeter's metric CRS.</summary>
    public byte[] Crs { get; }

    /// <summary>Bytes held by the arrays above.</summary>
    public long MemoryBytes =>
        (Xy.LongLength + ProjXy.LongLength + Bbox.LongLength) * sizeof(double)
        + (RingStart.LongLength + PerimRingStart.LongLength) * sizeof(int) + Crs.LongLength;

    /// <summary>First vertex of a perimeter.</summary>
    public int VertexStart(int id) => RingStart[PerimRingStart[id]];
}
