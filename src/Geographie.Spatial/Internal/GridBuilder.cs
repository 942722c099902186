namespace Geographie.Spatial.Internal;

/// <summary>
/// Builds a <see cref="GridIndex"/>: a uniform top grid over the padded data bounding box whose crowded cells are
/// recursively split into sub-grids. Every cell gets a reference point (its centre, nudged if it lies on an edge)
/// whose inside/outside status for every perimeter is propagated cell to cell by counting exact crossings of the
/// segment joining consecutive reference points, so no point-in-polygon scan is ever needed at build time.
/// Not thread-safe; one builder per build.
/// </summary>
internal sealed class GridBuilder
{
    private const int MaxDepth = 4;

    /// <summary>Top grid aims at one cell per this many vertices.</summary>
    private const double TopVerticesPerCell = 2.0;

    /// <summary>Cells holding more edges than this are split into a sub-grid.</summary>
    private const int SplitThreshold = 12;

    /// <summary>Sub-grid side = the power of two nearest to sqrt(edges) · factor, clamped to [2, 2^MaxSideLog2].</summary>
    private const double SubdivFactor = 1.0;

    private const int MaxSideLog2 = 6;

    /// <summary>A boundary cell is "coarse" (split whatever its edge count) when wider than this × the occupied side.</summary>
    private const double CoarseSlack = 1.5;

    /// <summary>A coarse cell is split to sub-cells about this × the occupied side (deeper splits follow the edge count).</summary>
    private const double CoarseTarget = 2.0;

    private readonly PerimeterSet _set;
    private readonly double[] _xy;
    private readonly int[] _vertexPerim;
    private readonly int[] _stamp;
    private int _stampId;

    // Scratch per depth: siblings at one depth are built one after the other, children use the next depth.
    private readonly Scratch[] _scratch = new Scratch[MaxDepth + 1];

    /// <summary>The top grid; sub-grids are located by the query from the parent cell (power-of-two sides).</summary>
    private GridLevel _top;

    /// <summary>Boundary cells wider than this (× <see cref="CoarseSlack"/>) are split whatever their edge count.</summary>
    private double _boundarySide = double.PositiveInfinity;
    private readonly GrowList<int> _words = new();
    private readonly List<int> _nudgedLeaf = [];
    private readonly List<double> _nudgedRef = [];
    private readonly GrowList<int> _leafData = new();

    private GridBuilder(PerimeterSet set)
    {
        _set = set;
        _xy = set.Xy;
        _vertexPerim = new int[set.VertexCount];
        _stamp = new int[set.VertexCount];
        for (int id = 0; id < set.Count; id++)
        {
            int end = set.VertexStart(id + 1);
            for (int v = set.VertexStart(id); v < end; v++)
            {
                _vertexPerim[v] = id;
            }
        }

        for (int d = 0; d <= MaxDepth; d++)
        {
            _scratch[d] = new Scratch();
        }

    }

    public static GridIndex Build(PerimeterSet set) => new GridBuilder(set).BuildAll();

    private GridIndex BuildAll()
    {
        int[] ringStart = _set.RingStart;
        var edges = new int[Math.Max(0, _set.VertexCount - (ringStart.Length - 1))];
        int ne = 0;
        for (int r = 0; r + 1 < ringStart.Length; r++)
        {
            for (int v = ringStart[r]; v < ringStart[r + 1] - 1; v++)
            {
                edges[ne++] = v;
            }
        }

        double minX = double.PositiveInfinity, minY = double.PositiveInfinity;
        double maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        for (int i = 0; i < _set.VertexCount; i++)
        {
            minX = Math.Min(minX, _xy[2 * i]);
            maxX = Math.Max(maxX, _xy[2 * i]);
            minY = Math.Min(minY, _xy[2 * i + 1]);
            maxY = Math.Max(maxY, _xy[2 * i + 1]);
        }

        if (ne == 0)
        {
            _top = new GridLevel(0, 0, 0, 0, 1, 1, 1, 1, 0);
            _words.Add(0);
        }
        else
        {
            double width = Math.Max(maxX - minX, 1e-9), height = Math.Max(maxY - minY, 1e-9);
            double targetCells = Math.Max(1.0, _set.VertexCount / TopVerticesPerCell);
            double side = Math.Sqrt(width * height / targetCells);
            side = Math.Max(side, Math.Max(width, height) / 2048.0);
            int nx = (int)(width / side) + 2, ny = (int)(height / side) + 2;
            double ox = minX - (nx * side - width) / 2, oy = minY - (ny * side - height) / 2;
            _top = new GridLevel(ox, oy, 1.0 / side, 1.0 / side, side, side, nx, ny, 0);
            _boundarySide = OccupiedSide(ox, oy, side, nx, ny, targetCells);
            BuildLevel(ox, oy, side, side, nx, ny, 0, 0, 0, edges.AsSpan(0, ne), ox - side, oy - side, [], 0);
        }

        return new GridIndex(
            _set,
            _top,
            _words.ToArray(),
            [.. _nudgedLeaf],
            [.. _nudgedRef],
            _leafData.ToArray());
    }

    /// <summary>
    /// Builds one grid level at <see cref="_words"/>' end and returns its offset. (gi0, gj0) is the level's first cell
    /// as a global index at resolution 2^shift cells per top cell, which is how the query names it: its reference
    /// point is recomputed exactly from that index (<see cref="GridIndex.Centre"/>).
    /// </summary>
    private int BuildLevel(double ox, double oy, double w, double h, int nx, int ny, long gi0, long gj0, int shift, ReadOnlySpan<int> edges, double sx, double sy, List<int> startStatus, int depth)
    {
        int offset = _words.Count;
        int cells = nx * ny;
        _words.AddZeros(cells);

        // Bucket edges into cells (counting sort keeps each cell's edges ascending, hence grouped by perimeter).
        Scratch s = _scratch[depth];
        s.PairCount = 0;
        foreach (int e in edges)
        {
            AddEdgeCells(s, e, ox, oy, w, h, nx, ny);
        }

        int[] cellStart = s.CellStart = Scratch.Ensure(s.CellStart, cells + 1);
        Array.Clear(cellStart, 0, cells + 1);
        for (int k = 0; k < s.PairCount; k++)
        {
            cellStart[s.PairCell[k] + 1]++;
        }

        for (int c = 0; c < cells; c++)
        {
            cellStart[c + 1] += cellStart[c];
        }

        int[] fill = s.Fill = Scratch.Ensure(s.Fill, cells);
        Array.Copy(cellStart, fill, cells);
        int[] cellEdges = s.CellEdges = Scratch.Ensure(s.CellEdges, s.PairCount);
        for (int k = 0; k < s.PairCount; k++)
        {
            cellEdges[fill[s.PairCell[k]]++] = s.PairEdge[k];
        }

        // Reference points: cell centres, nudged off any edge.
        double[] refX = s.RefX = Scratch.Ensure(s.RefX, cells);
        double[] refY = s.RefY = Scratch.Ensure(s.RefY, cells);
        bool[] nudged = s.Nudged = Scratch.Ensure(s.Nudged, cells);
        for (int j = 0; j < ny; j++)
        {
            for (int i = 0; i < nx; i++)
            {
                int c = j * nx + i;
                nudged[c] = ChooseReference(Span(cellEdges, cellStart, c), ox, oy, w, h, i, j, gi0 + i, gj0 + j, shift, out refX[c], out refY[c]);
            }
        }

        // Propagate status: start → ref(0,0) against all edges, down column 0, then along each row.
        var column = new List<int>(startStatus);
        Toggle(column, edges, [], sx, sy, refX[0], refY[0]);
        var row = new List<int>();
        for (int j = 0; j < ny; j++)
        {
            int c0 = j * nx;
            if (j > 0)
            {
                int up = c0 - nx;
                Toggle(column, Span(cellEdges, cellStart, up), Span(cellEdges, cellStart, c0), refX[up], refY[up], refX[c0], refY[c0]);
            }

            row.Clear();
            row.AddRange(column);
            for (int i = 0; i < nx; i++)
            {
                int c = c0 + i;
                if (i > 0)
                {
                    Toggle(row, Span(cellEdges, cellStart, c - 1), Span(cellEdges, cellStart, c), refX[c - 1], refY[c - 1], refX[c], refY[c]);
                }

                ReadOnlySpan<int> here = Span(cellEdges, cellStart, c);
                bool coarse = here.Length > 0 && w > _boundarySide * CoarseSlack;
                if ((here.Length > SplitThreshold || coarse) && depth < MaxDepth)
                {
                    // Power-of-two side, so the query descends by exact scaling of its fractional cell position.
                    double byEdges = Math.Log2(Math.Sqrt(here.Length) * SubdivFactor);
                    double bySize = coarse ? Math.Log2(w / (CoarseTarget * _boundarySide)) : 0;
                    int log2 = Math.Clamp((int)Math.Round(Math.Max(byEdges, bySize)), 1, MaxSideLog2);
                    int k = 1 << log2;
                    int sub = BuildLevel(ox + i * w, oy + j * h, w / k, h / k, k, k, (gi0 + i) << log2, (gj0 + j) << log2, shift + log2, here, refX[c], refY[c], row, depth + 1);
                    if (sub > GridIndex.SubOffsetMask)
                    {
                        throw new InvalidOperationException("Grid too large: more than 2^27 cell words.");
                    }

                    _words[offset + c] = GridIndex.SubFlag | (log2 << GridIndex.SubShiftBit) | sub;
                }
                else
                {
                    _words[offset + c] = EmitLeaf(here, row, refX[c], refY[c], nudged[c]);
                }
            }
        }

        return offset;
    }

    /// <summary>
    /// The cell side the top grid would have if it covered only the occupied part of the extent (the top cells
    /// overlapped by some perimeter's bounding box), at the same cells-per-vertex target. For a compact data set it is
    /// the top side itself; for a country-sized extent with a few dense clusters it is much finer, and boundary cells
    /// coarser than it are split even when they hold few edges, so a cluster gets the resolution it would get alone.
    /// </summary>
    private double OccupiedSide(double ox, double oy, double side, int nx, int ny, double targetCells)
    {
        // Box coverage by a 2-D difference array and prefix sums: O(perimeters + cells) whatever the boxes' sizes.
        int w = nx + 1;
        var diff = new int[w * (ny + 1)];
        double[] bb = _set.Bbox;
        for (int id = 0; id < _set.Count; id++)
        {
            if (!(bb[4 * id] <= bb[4 * id + 2]))
            {
                continue;
            }

            int i0 = Math.Clamp((int)((bb[4 * id] - ox) / side), 0, nx - 1), i1 = Math.Clamp((int)((bb[4 * id + 2] - ox) / side), 0, nx - 1);
            int j0 = Math.Clamp((int)((bb[4 * id + 1] - oy) / side), 0, ny - 1), j1 = Math.Clamp((int)((bb[4 * id + 3] - oy) / side), 0, ny - 1);
            diff[j0 * w + i0]++;
            diff[j0 * w + i1 + 1]--;
            diff[(j1 + 1) * w + i0]--;
            diff[(j1 + 1) * w + i1 + 1]++;
        }

        long count = 0;
        for (int j = 0; j < ny; j++)
        {
            for (int i = 0; i < nx; i++)
            {
                int c = j * w + i;
                diff[c] += (i > 0 ? diff[c - 1] : 0) + (j > 0 ? diff[c - w] : 0) - (i > 0 && j > 0 ? diff[c - w - 1] : 0);
                count += diff[c] > 0 ? 1 : 0;
            }
        }

        return Math.Min(side, Math.Sqrt(count / targetCells) * side);
    }

    private static ReadOnlySpan<int> Span(int[] cellEdges, int[] cellStart, int c) =>
        cellEdges.AsSpan(cellStart[c], cellStart[c + 1] - cellStart[c]);

    private int EmitLeaf(ReadOnlySpan<int> here, List<int> status, double rx, double ry, bool nudged)
    {
        if (here.Length == 0)
        {
            if (status.Count == 0)
            {
                return 0;
            }

            if (status.Count == 1)
            {
                return -(status[0] + 1);
            }
        }

        // Leaf record, contiguous so a query touches one or two cache lines:
        // [entryCount << 1 | nudged] then per entry [perimeter << 1 | referenceInside][edgeCount][edge vertex]…
        int leaf = _leafData.Count;
        if (nudged)
        {
            _nudgedLeaf.Add(leaf);
            _nudgedRef.Add(rx);
            _nudgedRef.Add(ry);
        }

        _leafData.Add(0);
        int entries = 0, e = 0, s = 0;
        while (e < here.Length || s < status.Count)
        {
            int pe = e < here.Length ? _vertexPerim[here[e]] : int.MaxValue;
            int ps = s < status.Count ? status[s] : int.MaxValue;
            int p = Math.Min(pe, ps);
            bool inside = ps == p;
            if (inside)
            {
                s++;
            }

            _leafData.Add((p << 1) | (inside ? 1 : 0));
            int countAt = _leafData.Count;
            _leafData.Add(0);
            while (e < here.Length && _vertexPerim[here[e]] == p)
            {
                _leafData.Add(here[e++]);
            }

            _leafData[countAt] = _leafData.Count - countAt - 1;
            entries++;
        }

        _leafData[leaf] = (entries << 1) | (nudged ? 1 : 0);
        if (_leafData.Count >= GridIndex.SubFlag)
        {
            throw new InvalidOperationException("Grid too large: more than 2^30 leaf words.");
        }

        return leaf + 1;
    }

    private void Toggle(List<int> status, ReadOnlySpan<int> a, ReadOnlySpan<int> b, double rx, double ry, double qx, double qy)
    {
        if (a.Length + b.Length == 0)
        {
            return;
        }

        _stampId++;
        double minX = Math.Min(rx, qx), maxX = Math.Max(rx, qx), minY = Math.Min(ry, qy), maxY = Math.Max(ry, qy);
        for (int pass = 0; pass < 2; pass++)
        {
            ReadOnlySpan<int> list = pass == 0 ? a : b;
            foreach (int e in list)
            {
                if (_stamp[e] == _stampId)
                {
                    continue;
                }

                _stamp[e] = _stampId;
                double ax = _xy[2 * e], ay = _xy[2 * e + 1], bx = _xy[2 * e + 2], by = _xy[2 * e + 3];
                if (Math.Max(ax, bx) < minX || Math.Min(ax, bx) > maxX || Math.Max(ay, by) < minY || Math.Min(ay, by) > maxY)
                {
                    continue;
                }

                int c = RobustOrientation.Crossing(rx, ry, qx, qy, ax, ay, bx, by);
                if (c < 0)
                {
                    throw new InvalidOperationException("Internal error: a grid reference point lies on an edge.");
                }

                if (c == 1)
                {
                    int p = _vertexPerim[e];
                    int at = status.BinarySearch(p);
                    if (at >= 0)
                    {
                        status.RemoveAt(at);
                    }
                    else
                    {
                        status.Insert(~at, p);
                    }
                }
            }
        }
    }

    /// <summary>Picks the reference point of cell (i, j); returns true if it had to be nudged off the centre.</summary>
    private bool ChooseReference(ReadOnlySpan<int> cellEdges, double ox, double oy, double w, double h, int i, int j, long gi, long gj, int shift, out double rx, out double ry)
    {
        for (int attempt = 0; ; attempt++)
        {
            if (attempt == 0)
            {
                // Must be the exact expression GridIndex uses to recompute the centre.
                rx = GridIndex.Centre(_top.Ox, _top.W, gi, shift);
                ry = GridIndex.Centre(_top.Oy, _top.H, gj, shift);
            }
            else
            {
                // Low-discrepancy nudges that stay well inside the cell.
                rx = ox + (i + 0.1 + 0.8 * ((attempt * 0.6180339887498949) % 1.0)) * w;
                ry = oy + (j + 0.1 + 0.8 * ((attempt * 0.7548776662466927) % 1.0)) * h;
            }

            bool onEdge = false;
            foreach (int e in cellEdges)
            {
                if (RobustOrientation.OnSegment(_xy[2 * e], _xy[2 * e + 1], _xy[2 * e + 2], _xy[2 * e + 3], rx, ry))
                {
                    onEdge = true;
                    break;
                }
            }

            if (!onEdge)
            {
                return attempt > 0;
            }

            if (attempt > 1000)
            {
                throw new InvalidOperationException("Internal error: no reference point off the edges of a grid cell.");
            }
        }
    }

    private void AddEdgeCells(Scratch s, int e, double ox, double oy, double w, double h, int nx, int ny)
    {
        double ax = _xy[2 * e], ay = _xy[2 * e + 1], bx = _xy[2 * e + 2], by = _xy[2 * e + 3];
        // Cells are widened by a relative 1e-6 so rounding in the query's cell arithmetic can never miss an edge.
        // The floor (a 1e-9 fraction of a top cell) covers the query's rounding in deep, tiny cells.
        double epsX = Math.Max(w * 1e-6, _top.W * 1e-9), epsY = Math.Max(h * 1e-6, _top.H * 1e-9);
        int i0 = Math.Clamp((int)Math.Floor((Math.Min(ax, bx) - epsX - ox) / w), 0, nx - 1);
        int i1 = Math.Clamp((int)Math.Floor((Math.Max(ax, bx) + epsX - ox) / w), 0, nx - 1);
        int j0 = Math.Clamp((int)Math.Floor((Math.Min(ay, by) - epsY - oy) / h), 0, ny - 1);
        int j1 = Math.Clamp((int)Math.Floor((Math.Max(ay, by) + epsY - oy) / h), 0, ny - 1);
        if (i0 == i1 && j0 == j1)
        {
            s.AddPair(j0 * nx + i0, e);
            return;
        }

        double dx = bx - ax, dy = by - ay;
        for (int j = j0; j <= j1; j++)
        {
            double y0 = oy + j * h - epsY, y1 = oy + (j + 1) * h + epsY;
            for (int i = i0; i <= i1; i++)
            {
                double x0 = ox + i * w - epsX, x1 = ox + (i + 1) * w + epsX;
                double d1 = dx * (y0 - ay) - dy * (x0 - ax);
                double d2 = dx * (y0 - ay) - dy * (x1 - ax);
                double d3 = dx * (y1 - ay) - dy * (x0 - ax);
                double d4 = dx * (y1 - ay) - dy * (x1 - ax);
                bool allPos = d1 > 0 && d2 > 0 && d3 > 0 && d4 > 0;
                bool allNeg = d1 < 0 && d2 < 0 && d3 < 0 && d4 < 0;
                if (!allPos && !allNeg)
                {
                    s.AddPair(j * nx + i, e);
                }
            }
        }
    }

    private sealed class Scratch
    {
        public int[] PairCell = new int[256];
        public int[] PairEdge = new int[256];
        public int PairCount;
        public int[] CellStart = [];
        public int[] Fill = [];
        public int[] CellEdges = [];
        public double[] RefX = [];
        public double[] RefY = [];
        public bool[] Nudged = [];

        public static T[] Ensure<T>(T[] array, int length) => array.Length >= length ? array : new T[Math.Max(length, array.Length * 2)];

        public void AddPair(int cell, int edge)
        {
            if (PairCount == PairCell.Length)
            {
                Array.Resize(ref PairCell, PairCount * 2);
                Array.Resize(ref PairEdge, PairCount * 2);
            }

            PairCell[PairCount] = cell;
            PairEdge[PairCount++] = edge;
        }
    }

    /// <summary>A minimal growable array with indexer assignment (List&lt;T&gt; without the version checks).</summary>
    private sealed class GrowList<T>
        where T : struct
    {
        private T[] _items = new T[1024];

        public int Count { get; private set; }

        public T this[int i]
        {
            get => _items[i];
            set => _items[i] = value;
        }

        public void Add(T item)
        {
            if (Count == _items.Length)
            {
                Array.Resize(ref _items, Count * 2);
            }

            _items[Count++] = item;
        }

        public void AddZeros(int n)
        {
            if (Count + n > _items.Length)
            {
                Array.Resize(ref _items, Math.Max(Count + n, _items.Length * 2));
            }

            Array.Clear(_items, Count, n);
            Count += n;
        }

        public T[] ToArray() => _items.AsSpan(0, Count).ToArray();
    }
}
