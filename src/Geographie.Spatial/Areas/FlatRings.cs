using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Implementation;

namespace Geographie.Spatial.Areas;

/// <summary>
/// The rings of a Polygon or MultiPolygon read once from its NTS coordinate sequences into flat arrays, in the
/// geometry's own coordinates: consecutive repeated vertices dropped, rings of fewer than three distinct vertices left
/// out. A zone is read this way once, and its validity proof (<see cref="PolygonValidity"/>) and every
/// <see cref="OverlapIndex"/> measuring it (the edition's, the commune outlines') take their ring copy from here, each
/// at its own integer origin: the per-index origin fixes the rounding of that index's integrals, so the areas keep
/// their bits. Immutable; thread-safe.
/// </summary>
public sealed class FlatRings
{
    private double _area = double.NaN;

    private FlatRings(Geometry polygonal)
    {
        Geometry = polygonal;
        int capacity = polygonal.NumPoints;
        X = new double[capacity];
        Y = new double[capacity];
        RingOf = new int[capacity];
        var starts = new List<int>();
        var shells = new List<bool>();
        bool wellFormed = true;
        double[]? scratch = null;
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        int n = 0;
        for (int g = 0; g < polygonal.NumGeometries; g++)
        {
            var polygon = (Polygon)polygonal.GetGeometryN(g);
            if (polygon.IsEmpty)
            {
                wellFormed = false;
                continue;
            }

            for (int r = -1; r < polygon.NumInteriorRings; r++)
            {
                var seq = (r < 0 ? polygon.ExteriorRing : polygon.GetInteriorRingN(r)).CoordinateSequence;
                var xy = Ordinates(seq, ref scratch, out int stride);
                int last = seq.Count - 1;
                wellFormed &= seq.Count >= 4 && xy[0] == xy[stride * last] && xy[1] == xy[stride * last + 1];
                int start = n;
                for (int i = 0; i <= last; i++)
                {
                    double x = xy[stride * i], y = xy[stride * i + 1];
                    wellFormed &= double.IsFinite(x) && double.IsFinite(y);
                    minX = x < minX ? x : minX;
                    maxX = x > maxX ? x : maxX;
                    minY = y < minY ? y : minY;
                    maxY = y > maxY ? y : maxY;

                    // The closing vertex repeats the first of a closed ring; the ring closes on its first vertex anyway.
                    if (i == last || (n > start && x == X[n - 1] && y == Y[n - 1]))
                    {
                        continue;
                    }

                    X[n] = x;
                    Y[n] = y;
                    RingOf[n] = starts.Count;
                    n++;
                }

                if (n - start < 3)
                {
                    // A ring of fewer than three distinct vertices bounds nothing.
                    wellFormed = false;
                    n = start;
                    continue;
                }

                starts.Add(start);
                shells.Add(r < 0);
            }
        }

        Envelope = minX <= maxX ? new Envelope(minX, maxX, minY, maxY) : new Envelope();
        WellFormed = wellFormed;
        VertexCount = n;
        RingCount = starts.Count;
        RingStart = [.. starts, n];
        IsShell = [.. shells];
        NextOf = new int[n];
        for (int r = 0; r < RingCount; r++)
        {
            int end = RingStart[r + 1] - 1;
            for (int i = RingStart[r]; i < end; i++)
            {
                NextOf[i] = i + 1;
            }

            NextOf[end] = RingStart[r];
        }
    }

    /// <summary>
    /// The ordinates of <paramref name="seq"/>, x and y of vertex i at <paramref name="stride"/>·i and +1: a packed
    /// sequence's own array (the body reader's rings, projected zones), else a copy into <paramref name="scratch"/>.
    /// </summary>
    internal static double[] Ordinates(CoordinateSequence seq, ref double[]? scratch, out int stride)
    {
        if (seq is PackedDoubleCoordinateSequence packed)
        {
            stride = packed.Dimension;
            return packed.GetRawCoordinates();
        }

        stride = 2;
        if (scratch is null || scratch.Length < 2 * seq.Count)
        {
            scratch = new double[2 * seq.Count];
        }

        for (int i = 0; i < seq.Count; i++)
        {
            scratch[2 * i] = seq.GetX(i);
            scratch[2 * i + 1] = seq.GetY(i);
        }

        return scratch;
    }

    /// <summary>The geometry read (shared: do not modify).</summary>
    public Geometry Geometry { get; }

    /// <summary>
    /// The envelope of every vertex read, taken in the same pass so that the proof and the indexes need not walk the
    /// geometry again: the geometry's <see cref="Geometry.EnvelopeInternal"/> (which NTS takes from the shells) when
    /// its coordinates are finite and its holes lie within their shells, as in every zone proven valid or repaired.
    /// </summary>
    public Envelope Envelope { get; }

    /// <summary>
    /// The geometry's area as NTS computes it (<see cref="Geometry.Area"/>), computed on first use and kept, so that the
    /// indexes measuring the zone share one walk over its coordinates.
    /// </summary>
    public double Area
    {
        get
        {
            // A double is written whole; two threads racing compute the same value.
            if (double.IsNaN(_area))
            {
                _area = PlanarArea.Of(Geometry);
            }

            return _area;
        }
    }

    /// <summary>
    /// Every polygon non-empty and every ring closed, of at least four finite coordinates and three distinct vertices
    /// (so every ring was kept, numbered in the geometry's order: each polygon's shell, then its holes).
    /// </summary>
    internal bool WellFormed { get; }

    /// <summary>Vertex x as given.</summary>
    internal double[] X { get; }

    /// <summary>Vertex y as given.</summary>
    internal double[] Y { get; }

    /// <summary>Ring of each vertex.</summary>
    internal int[] RingOf { get; }

    /// <summary>Per vertex, the vertex after it in its ring (the ring closes on its first vertex).</summary>
    internal int[] NextOf { get; }

    /// <summary>First vertex of each ring, and <see cref="VertexCount"/> at index <see cref="RingCount"/>.</summary>
    internal int[] RingStart { get; }

    /// <summary>Per ring, whether it is a polygon's shell (else a hole).</summary>
    internal bool[] IsShell { get; }

    /// <summary>Number of rings kept.</summary>
    internal int RingCount { get; }

    /// <summary>Number of vertices kept.</summary>
    internal int VertexCount { get; }

    /// <summary>Reads the rings of <paramref name="polygonal"/> (Polygon or MultiPolygon).</summary>
    /// <exception cref="ArgumentException">A geometry that is not polygonal.</exception>
    public static FlatRings Of(Geometry polygonal)
    {
        ArgumentNullException.ThrowIfNull(polygonal);
        return polygonal is Polygon or MultiPolygon
            ? new FlatRings(polygonal)
            : throw new ArgumentException($"Only a Polygon or MultiPolygon has rings, not a {polygonal.GeometryType}.", nameof(polygonal));
    }
}
