namespace Geographie.Spatial.Internal;

/// <summary>
/// Builds <see cref="NearestCells"/>. For a cell C and an edge e (both in e's metric CRS) let L(e) be a lower bound
/// of the distance from any point of C to e, and M(e) an upper bound of the largest such distance; with
/// U = min over e of M(e), the nearest edge of every point of C has L ≤ min(U, radius) whenever the nearest boundary
/// is within the radius — so those edges, and only they, are kept. A cell keeping more than
/// <see cref="MaxCandidates"/> is split 4 × 4 (children start from the parent's candidates) while it is wider than
/// <see cref="MinCellMetres"/> and than 1/<see cref="DistanceRatio"/> of its distance to the nearest kept edge (far
/// from the boundaries many edges are nearly as near, and smaller cells shed few of them), or while it keeps more
/// than <see cref="MaxLeafEdges"/>; a leaf still keeping more is left <see cref="NearestCells.Unresolved"/>. A leaf's
/// edges are then sharpened: the same test on each of its 2 × 2 sub-cells keeps only the edges some sub-cell needs;
/// its runs are padded to multiples of four with their rings' own edges, and identical leaves are stored once.
/// Cells built to widen a smaller set (an inner radius) stop, unresolved, wherever U is within the inner radius: every
/// point there has a boundary that close, so the smaller set answers it, and the wide set is refined only where the
/// nearest boundary may lie between the two radii.
/// </summary>
internal static class NearestCellsBuilder
{
    /// <summary>A leaf keeping more candidates than this is split (unless already small).</summary>
    public const int MaxCandidates = 24;

    /// <summary>Cells narrower than this (projected, metres) are not split further.</summary>
    public const double MinCellMetres = 25;

    /// <summary>Cells narrower than their distance to the kept edges over this are not split further.</summary>
    public const double DistanceRatio = 4;

    /// <summary>Cell words and run integers allowed per vertex before splitting stops.</summary>
    public const int MemoryBudgetPerVertex = 160;

    /// <summary>A leaf's edges are sharpened over this many sub-cells per side (see the builder's <c>Sharpened</c>).</summary>
    public const int LeafSplit = 2;

    /// <summary>A leaf keeping more edges than this is left to the grid walk.</summary>
    public const int MaxLeafEdges = 128;

    private const int MaxDepth = 6;

    private const int MaxTopSide = 1024;

    /// <summary>Lower bound of metres per degree of latitude, as <see cref="PerimeterIndex"/> uses for pruning.</summary>
    private const double MinMetresPerDegreeLat = 6335439.0 * Math.PI / 180.0 * 0.99;

    /// <summary>Absolute slack (metres) added to the keep threshold: far above the rounding of the distance formula.</summary>
    private const double Slack = 1e-3;

    /// <param name="set">The perimeters.</param>
    /// <param name="radius">Metres within which the cells' answers are exact.</param>
    /// <param name="innerRadius">The radius of the set these cells widen (0 when none): a query is asked here only when
    /// the inner set found no boundary within it, so cells whose every point has one that close are left unresolved.</param>
    public static NearestCells Build(PerimeterSet set, double radius, double innerRadius = 0)
    {
        var edges = Edges(set);
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        for (int id = 0; id < set.Count; id++)
        {
            // An empty perimeter's box is (+∞, +∞, −∞, −∞) and changes nothing.
            minX = Math.Min(minX, set.Bbox[4 * id]);
            minY = Math.Min(minY, set.Bbox[4 * id + 1]);
            maxX = Math.Max(maxX, set.Bbox[4 * id + 2]);
            maxY = Math.Max(maxY, set.Bbox[4 * id + 3]);
        }

        if (edges.Count == 0 || !double.IsFinite(minX))
        {
            return new NearestCells(set, radius, new GridLevel(0, 0, 1, 1, 1, 1, 0, 0, 0), [], [0]);
        }

        if (set.Count > NearestCells.MaxPerimeters)
        {
            // Run words cannot name these ids: one unresolved cell over every coordinate sends each query to the walk.
            return new NearestCells(set, radius, new GridLevel(-1e9, -1e9, 5e-10, 5e-10, 2e9, 2e9, 1, 1, 0), [NearestCells.Unresolved], [0]);
        }

        // Every point within the radius of an edge lies in the data box widened by these (conservative) degrees.
        double dLat = radius / MinMetresPerDegreeLat;
        double dLon = radius / (MinMetresPerDegreeLat * Math.Cos(Math.Min(89.0, Math.Max(Math.Abs(minY), Math.Abs(maxY)) + dLat) * Math.PI / 180.0));
        double ox = minX - dLon, oy = minY - dLat;
        double width = maxX - minX + 2 * dLon, height = maxY - minY + 2 * dLat;
        double side = Math.Max(Math.Max(width, height) / MaxTopSide, Math.Max(dLat / 2, 1e-6));
        int nx = (int)Math.Ceiling(width / side), ny = (int)Math.Ceiling(height / side);
        var top = new GridLevel(ox, oy, 1 / side, 1 / side, side, side, nx, ny, 0);

        var buckets = new EdgeBuckets(set, edges, top, dLon, dLat);
        var state = new State(set, edges, radius, innerRadius, nx * ny);
        var pool = new List<int>();
        for (int j = 0; j < ny; j++)
        {
            for (int i = 0; i < nx; i++)
            {
                buckets.Gather(i, j, pool);
                state.Words[j * nx + i] = state.Refine(ox + i * side, oy + j * side, side, side, pool, 0);
            }
        }

        return state.Finish(top);
    }

    /// <summary>First-vertex index and perimeter of every edge.</summary>
    private static List<(int Vertex, int Perimeter)> Edges(PerimeterSet set)
    {
        var edges = new List<(int, int)>();
        for (int id = 0; id < set.Count; id++)
        {
            for (int r = set.PerimRingStart[id]; r < set.PerimRingStart[id + 1]; r++)
            {
                for (int v = set.RingStart[r]; v < set.RingStart[r + 1] - 1; v++)
                {
                    edges.Add((v, id));
                }
            }
        }

        return edges;
    }

    /// <summary>Edges bucketed by top cell, so a top cell's starting pool is the edges of the cells within the radius.</summary>
    private sealed class EdgeBuckets
    {
        private readonly int[] _start;
        private readonly int[] _items;
        private readonly int[] _stamp;
        private readonly GridLevel _top;
        private readonly int _reachX, _reachY;
        private int _round;

        public EdgeBuckets(PerimeterSet set, List<(int Vertex, int Perimeter)> edges, GridLevel top, double dLon, double dLat)
        {
            _top = top;
            _reachX = (int)Math.Ceiling(dLon / top.W) + 1;
            _reachY = (int)Math.Ceiling(dLat / top.H) + 1;
            _stamp = new int[edges.Count];
            var cells = new List<(int Cell, int Edge)>();
            for (int e = 0; e < edges.Count; e++)
            {
                int v = edges[e].Vertex;
                double ax = set.Xy[2 * v], ay = set.Xy[2 * v + 1], bx = set.Xy[2 * v + 2], by = set.Xy[2 * v + 3];
                int i0 = Clamp((Math.Min(ax, bx) - top.Ox) * top.InvW, top.Nx), i1 = Clamp((Math.Max(ax, bx) - top.Ox) * top.InvW, top.Nx);
                int j0 = Clamp((Math.Min(ay, by) - top.Oy) * top.InvH, top.Ny), j1 = Clamp((Math.Max(ay, by) - top.Oy) * top.InvH, top.Ny);
                for (int j = j0; j <= j1; j++)
                {
                    for (int i = i0; i <= i1; i++)
                    {
                        cells.Add((j * top.Nx + i, e));
                    }
                }
            }

            _start = new int[top.Nx * top.Ny + 1];
            foreach ((int cell, _) in cells)
            {
                _start[cell + 1]++;
            }

            for (int c = 0; c < top.Nx * top.Ny; c++)
            {
                _start[c + 1] += _start[c];
            }

            _items = new int[cells.Count];
            var fill = (int[])_start.Clone();
            foreach ((int cell, int e) in cells)
            {
                _items[fill[cell]++] = e;
            }
        }

        /// <summary>Fills <paramref name="pool"/> with the ordinals of the edges that can lie within the radius of top cell (i, j).</summary>
        public void Gather(int i, int j, List<int> pool)
        {
            pool.Clear();
            _round++;
            for (int y = Math.Max(0, j - _reachY); y <= Math.Min(_top.Ny - 1, j + _reachY); y++)
            {
                for (int x = Math.Max(0, i - _reachX); x <= Math.Min(_top.Nx - 1, i + _reachX); x++)
                {
                    int cell = y * _top.Nx + x;
                    for (int k = _start[cell]; k < _start[cell + 1]; k++)
                    {
                        int e = _items[k];
                        if (_stamp[e] != _round)
                        {
                            _stamp[e] = _round;
                            pool.Add(e);
                        }
                    }
                }
            }

            // Edge ordinals follow perimeter order, so sorting groups each CRS and keeps leaves in a fixed order.
            pool.Sort();
        }

        private static int Clamp(double f, int n) => (int)Math.Clamp(Math.Floor(f), 0, n - 1);
    }

    /// <summary>The growing output arrays and the recursive refinement.</summary>
    private sealed class State(PerimeterSet set, List<(int Vertex, int Perimeter)> edgeTable, double radius, double innerRadius, int topCells)
    {
        private readonly List<int> _words = new(new int[topCells]);
        private readonly LeafStream _leaves = new();

        // Memory cap: dense partitions (communes, IRIS) would otherwise split along every boundary; past it, crowded
        // leaves stay unresolved and their queries walk the grid.
        private readonly long budget = MemoryBudgetPerVertex * (long)set.VertexCount + 65_536;
        private readonly double[] _box = new double[4 * MetricCrs.All.Count];
        private readonly bool[] _boxReady = new bool[MetricCrs.All.Count];

        public List<int> Words => _words;

        public int Refine(double x0, double y0, double w, double h, List<int> pool, int depth)
        {
            var lower = new double[pool.Count];
            double upper = Bound(x0, y0, w, h, pool, lower, out double extent);
            if (upper + Slack <= innerRadius)
            {
                return NearestCells.Unresolved;
            }

            double keep = Math.Min(upper, radius) + Slack;
            var kept = new List<int>();
            double nearest = double.PositiveInfinity;
            for (int k = 0; k < pool.Count; k++)
            {
                if (lower[k] <= keep)
                {
                    kept.Add(pool[k]);
                    nearest = Math.Min(nearest, lower[k]);
                }
            }

            bool worthSplitting = kept.Count > MaxLeafEdges || (kept.Count > MaxCandidates && extent * DistanceRatio > nearest);
            if (worthSplitting && depth < MaxDepth && extent > MinCellMetres && _words.Count + _leaves.Ints.Count < budget)
            {
                int offset = _words.Count;
                _words.AddRange(new int[Split * Split]);
                double cw = w / Split, ch = h / Split;
                for (int j = 0; j < Split; j++)
                {
                    for (int i = 0; i < Split; i++)
                    {
                        _words[offset + j * Split + i] = Refine(x0 + i * cw, y0 + j * ch, cw, ch, kept, depth + 1);
                    }
                }

                return Collapsed(offset);
            }

            if (kept.Count > 0)
            {
                kept = Sharpened(x0, y0, w, h, kept);
            }

            if (kept.Count == 0)
            {
                return 0;
            }

            List<(int First, int End, int Perimeter, int Ring)> runs = PaddedRuns(kept);
            return runs.Sum(run => run.End - run.First) > MaxLeafEdges ? NearestCells.Unresolved : Stored(runs);
        }

        /// <summary>
        /// The word of a cell whose 16 child words were just appended at <paramref name="offset"/>: when every child is
        /// the same leaf (or unresolved), that word itself, the block dropped (each point of the cell lies in a child,
        /// so the leaf's edges serve the whole cell) and the query reads one word fewer.
        /// </summary>
        private int Collapsed(int offset)
        {
            int first = _words[offset];
            if (first >= 0 || first == NearestCells.Unresolved)
            {
                bool same = true;
                for (int k = 1; k < Split * Split && same; k++)
                {
                    same = _words[offset + k] == first;
                }

                if (same)
                {
                    _words.RemoveRange(offset, _words.Count - offset);
                    return first;
                }
            }

            return ~offset;
        }

        /// <summary>
        /// The kept edges as runs of consecutive edges of one ring, each widened to a multiple of four edges with its
        /// ring's neighbouring edges where the ring has them, so that pass 1 of a query leaves no scalar tail. The
        /// added edges are real edges of the same boundary: no nearer than that boundary, so the minimum, its ties
        /// and each perimeter's own minimum in the leaf are unchanged.
        /// </summary>
        private List<(int First, int End, int Perimeter, int Ring)> PaddedRuns(List<int> kept)
        {
            // Edge ordinals follow vertex order, so the kept edges come sorted by first vertex.
            var runs = new List<(int First, int End, int Perimeter, int Ring)>();
            foreach (int e in kept)
            {
                (int v, int p) = edgeTable[e];
                int ring = Array.BinarySearch(set.RingStart, v);
                ring = ring >= 0 ? ring : ~ring - 1;
                int first = v, end = v + 1;
                Pad(ring, ref first, ref end);
                // Joined with the ring's previous run when they meet, or when one padded run spans both with no more
                // edges than the two (one run fewer to set up).
                while (runs.Count > 0 && runs[^1].Ring == ring)
                {
                    (int prevFirst, int prevEnd, _, _) = runs[^1];
                    int joinedFirst = Math.Min(first, prevFirst), joinedEnd = Math.Max(end, prevEnd);
                    Pad(ring, ref joinedFirst, ref joinedEnd);
                    if (prevEnd < first && joinedEnd - joinedFirst > prevEnd - prevFirst + end - first)
                    {
                        break;
                    }

                    runs.RemoveAt(runs.Count - 1);
                    (first, end) = (joinedFirst, joinedEnd);
                }

                runs.Add((first, end, p, ring));
            }

            return runs;
        }

        /// <summary>Widens edges [first, end) of <paramref name="ring"/> to a multiple of four, forwards first, within the ring.</summary>
        private void Pad(int ring, ref int first, ref int end)
        {
            int ringFirst = set.RingStart[ring], ringEnd = set.RingStart[ring + 1] - 1;
            int want = (end - first + 3) & ~3;
            end = Math.Min(ringEnd, first + want);
            first = Math.Max(ringFirst, end - want);
        }

        /// <summary>The leaf of these runs: its run count, then each run's first vertex and word.</summary>
        private int Stored(List<(int First, int End, int Perimeter, int Ring)> runs)
        {
            List<int> ints = _leaves.Ints;
            int header = ints.Count;
            ints.Add(runs.Count);
            foreach ((int first, int end, int p, _) in runs)
            {
                ints.Add(first);
                ints.Add(NearestCells.RunWord(p, set.Crs[p], end - first));
            }

            return _leaves.Distinct(header);
        }

        /// <summary>
        /// Fills <paramref name="lower"/> with L(e) for the cell (x0, y0, w, h) and each edge of <paramref name="pool"/>,
        /// and returns U = min over them of M(e); <paramref name="extent"/> is the cell's largest projected side.
        /// </summary>
        private double Bound(double x0, double y0, double w, double h, List<int> pool, double[] lower, out double extent)
        {
            Array.Clear(_boxReady);
            double upper = double.PositiveInfinity;
            extent = 0;
            for (int k = 0; k < pool.Count; k++)
            {
                (int v, int p) = edgeTable[pool[k]];
                int crs = set.Crs[p];
                if (!_boxReady[crs])
                {
                    ProjectedBox(MetricCrs.FromOrdinal(crs), x0, y0, w, h, _box.AsSpan(4 * crs, 4));
                    _boxReady[crs] = true;
                }

                ReadOnlySpan<double> box = _box.AsSpan(4 * crs, 4);
                extent = Math.Max(extent, Math.Max(box[2] - box[0], box[3] - box[1]));
                double[] xy = set.ProjXy;
                BoxSegment(box, xy[2 * v], xy[2 * v + 1], xy[2 * v + 2], xy[2 * v + 3], out lower[k], out double farthest);
                upper = Math.Min(upper, farthest);
            }

            return upper;
        }

        /// <summary>
        /// The leaf's kept edges that pass the same test (L ≤ min(U, radius)) in at least one of its
        /// <see cref="LeafSplit"/> × <see cref="LeafSplit"/> sub-cells. Every point of the leaf lies in a sub-cell whose
        /// test keeps its nearest edge, so the answer is unchanged; a sub-cell's smaller U sheds the edges that only
        /// points across the leaf could need, without the memory of splitting it.
        /// </summary>
        private List<int> Sharpened(double x0, double y0, double w, double h, List<int> kept)
        {
            var survives = new bool[kept.Count];
            var lower = new double[kept.Count];
            double sw = w / LeafSplit, sh = h / LeafSplit;
            for (int j = 0; j < LeafSplit; j++)
            {
                for (int i = 0; i < LeafSplit; i++)
                {
                    double keep = Math.Min(Bound(x0 + i * sw, y0 + j * sh, sw, sh, kept, lower, out _), radius) + Slack;
                    for (int k = 0; k < kept.Count; k++)
                    {
                        survives[k] |= lower[k] <= keep;
                    }
                }
            }

            var sharpened = new List<int>(kept.Count);
            for (int k = 0; k < kept.Count; k++)
            {
                if (survives[k])
                {
                    sharpened.Add(kept[k]);
                }
            }

            return sharpened;
        }

        public NearestCells Finish(GridLevel top) => new(set, radius, top, [.. _words], [.. _leaves.Ints]);

        private const int Split = NearestCells.Split;
    }

    /// <summary>
    /// The leaf stream, each distinct leaf stored once: neighbouring leaves often keep the same edges. Offset 0 is the
    /// empty leaf (no runs), which every leaf that keeps no edge shares.
    /// </summary>
    private sealed class LeafStream : IEqualityComparer<int>
    {
        private readonly HashSet<int> _offsets;

        public LeafStream() => _offsets = new HashSet<int>(this);

        public List<int> Ints { get; } = [0];

        /// <summary>The offset of the leaf just appended at <paramref name="offset"/>, or of an identical one stored before (the new copy removed).</summary>
        public int Distinct(int offset)
        {
            if (_offsets.TryGetValue(offset, out int same))
            {
                Ints.RemoveRange(offset, Ints.Count - offset);
                return same;
            }

            _offsets.Add(offset);
            return offset;
        }

        public bool Equals(int a, int b)
        {
            int length = Length(a);
            if (Length(b) != length)
            {
                return false;
            }

            for (int k = 0; k < length; k++)
            {
                if (Ints[a + k] != Ints[b + k])
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(int offset)
        {
            var hash = default(HashCode);
            for (int k = 0, length = Length(offset); k < length; k++)
            {
                hash.Add(Ints[offset + k]);
            }

            return hash.ToHashCode();
        }

        private int Length(int offset) => 1 + NearestCells.RunInts * Ints[offset];
    }

    /// <summary>
    /// A projected box holding the image of the lon/lat cell: the box of its corners and side midpoints, widened by
    /// the largest bulge of a side (chord² / 8 for a radius of curvature ≥ 1,000 km, far below that of any parallel
    /// or meridian image in these CRS), plus 1e-6 of the extent and 1 mm for rounding.
    /// </summary>
    private static void ProjectedBox(MetricCrs crs, double x0, double y0, double w, double h, Span<double> box)
    {
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        for (int j = 0; j <= 2; j++)
        {
            for (int i = 0; i <= 2; i++)
            {
                crs.Project(x0 + i * w / 2, y0 + j * h / 2, out double x, out double y);
                minX = Math.Min(minX, x);
                maxX = Math.Max(maxX, x);
                minY = Math.Min(minY, y);
                maxY = Math.Max(maxY, y);
            }
        }

        double extent = Math.Max(maxX - minX, maxY - minY);
        double margin = extent * extent / 8e6 + extent * 1e-6 + 1e-3;
        box[0] = minX - margin;
        box[1] = minY - margin;
        box[2] = maxX + margin;
        box[3] = maxY + margin;
    }

    /// <summary>
    /// <paramref name="lower"/>: the distance between the box and segment a–b (0 when they meet); <paramref name="farthest"/>:
    /// the largest distance from a box point to the segment, reached at a corner since the distance to a segment is convex.
    /// </summary>
    private static void BoxSegment(ReadOnlySpan<double> box, double ax, double ay, double bx, double by, out double lower, out double farthest)
    {
        farthest = 0;
        double nearestCorner = double.PositiveInfinity;
        int side = 0;
        for (int c = 0; c < 4; c++)
        {
            double cx = box[(c & 1) == 0 ? 0 : 2], cy = box[(c & 2) == 0 ? 1 : 3];
            double d = SegmentDistance.PointToSegment(cx, cy, ax, ay, bx, by);
            farthest = Math.Max(farthest, d);
            nearestCorner = Math.Min(nearestCorner, d);
            side |= Math.Sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax)) switch { > 0 => 1, < 0 => 2, _ => 3 };
        }

        bool boxesMeet = Math.Max(ax, bx) >= box[0] && Math.Min(ax, bx) <= box[2] && Math.Max(ay, by) >= box[1] && Math.Min(ay, by) <= box[3];
        if (boxesMeet && side != 1 && side != 2)
        {
            // The segment's line separates (or touches) the corners and the boxes overlap: they meet.
            lower = 0;
            return;
        }

        // Disjoint convex sets: the gap is reached at a vertex of one of them.
        lower = Math.Min(nearestCorner, Math.Min(PointToBox(box, ax, ay), PointToBox(box, bx, by)));
    }

    private static double PointToBox(ReadOnlySpan<double> box, double x, double y)
    {
        double dx = Math.Max(0, Math.Max(box[0] - x, x - box[2]));
        double dy = Math.Max(0, Math.Max(box[1] - y, y - box[3]));
        return Math.Sqrt(dx * dx + dy * dy);
    }
}
