using Geographie.Spatial.Internal;

namespace Geographie.Spatial;

/// <summary>
/// Answers "which perimeters cover this point?" and "how far is the nearest perimeter boundary?" for a fixed set of
/// perimeters (WGS84 lon/lat polygons and multipolygons).
/// </summary>
/// <remarks>
/// <para>Immutable after <see cref="Build"/>: every query method is thread-safe and allocates nothing on the heap.</para>
/// <para>Coverage follows PostGIS <c>ST_Covers</c> / NetTopologySuite <c>Location.Interior</c> or <c>Location.Boundary</c>:
/// a point exactly on an edge or a vertex is covered, a point inside a hole is not, and a point on an edge shared by two
/// neighbours is covered by both. Predicates are exact (filtered orientation with a double-double fallback).</para>
/// <para>Distances are planar, in metres, in the perimeter's metric CRS (see <see cref="MetricProjection.ForLocation"/>):
/// each perimeter's vertices are projected at build time, the query point is projected into the same CRS, and the
/// distance is taken to the straight projected segments — what PostGIS computes with
/// <c>ST_Distance(ST_Boundary(ST_Transform(geom, srid)), ST_Transform(pt, srid))</c>.</para>
/// </remarks>
public sealed class PerimeterIndex
{
    /// <summary>Lower bound of metres per degree of latitude (GRS80 meridian radius at the equator, less 1 % for projection scale).</summary>
    private const double MinMetresPerDegreeLat = 6335439.0 * Math.PI / 180.0 * 0.99;

    /// <summary>The default of <c>nearestRadiusMetres</c> in <see cref="Build"/>: the service's nearest-QPV search radius.</summary>
    public const double DefaultNearestRadiusMetres = 5_000;

    /// <summary>The default of <c>wideRadiusMetres</c> in <see cref="Build"/>: the service's widest near band.</summary>
    public const double DefaultWideRadiusMetres = 10_000;

    private readonly PerimeterSet _set;
    private readonly GridIndex? _grid;
    private readonly NearestCells? _nearest;
    private readonly NearestCells? _wide;

    private PerimeterIndex(PerimeterSet set, GridIndex? grid, NearestCells? nearest, NearestCells? wide, IndexStrategy strategy)
    {
        _set = set;
        _grid = grid;
        _nearest = nearest;
        _wide = wide;
        Strategy = strategy;
    }

    /// <summary>The grid answering point queries (null under a strategy without one), for the benchmarks' diagnostics.</summary>
    internal GridIndex? Grid => _grid;

    /// <summary>The cells answering nearest queries (null when built without them), for the benchmarks' diagnostics.</summary>
    internal NearestCells? Nearest => _nearest;

    /// <summary>Number of indexed perimeters.</summary>
    public int Count => _set.Count;

    /// <summary>The strategy this index was built with.</summary>
    public IndexStrategy Strategy { get; }

    /// <summary>
    /// Approximate memory held by the index in bytes: lon/lat vertices, projected vertices, ring tables and (for
    /// <see cref="IndexStrategy.Grid"/>) the grid arrays.
    /// </summary>
    public long MemoryBytes => _set.MemoryBytes + (_grid?.MemoryBytes ?? 0) + NearestMemoryBytes;

    /// <summary>Bytes held by the nearest-boundary cells alone (0 without them); included in <see cref="MemoryBytes"/>.</summary>
    public long NearestMemoryBytes => (_nearest?.MemoryBytes ?? 0) + (_wide?.MemoryBytes ?? 0);

    /// <summary>
    /// Radius in metres up to which <see cref="TryFindNearestBoundary"/> reads one nearest-boundary cell (0 when the
    /// index has none: every search walks the grid or scans).
    /// </summary>
    public double NearestRadiusMetres => _nearest?.Radius ?? 0;

    /// <summary>
    /// Radius in metres up to which a search that the <see cref="NearestRadiusMetres"/> cells leave open reads one cell
    /// of a second, wider set (0 when the index has none).
    /// </summary>
    public double WideRadiusMetres => _wide?.Radius ?? 0;

    /// <summary>Total stored vertices (rings closed), the denominator of memory-per-vertex figures.</summary>
    public int VertexCount => _set.VertexCount;

    /// <summary>
    /// Builds an index. The geometries are copied into flat arrays; the input is not retained.
    /// </summary>
    /// <param name="perimeters">Perimeters with dense unique ids 0..n−1 (any order); geometry Polygon or MultiPolygon in WGS84 lon/lat.</param>
    /// <param name="strategy">Query strategy; <see cref="IndexStrategy.Scan"/> is the slow reference oracle.</param>
    /// <param name="nearestRadiusMetres">With <see cref="IndexStrategy.Grid"/>: the radius up to which nearest-boundary
    /// searches read precomputed cells (memory and build time grow with it); a wider search walks the grid only when no
    /// boundary lies within it, and every search does when 0 — same answers. Ignored by <see cref="IndexStrategy.Scan"/>.</param>
    /// <param name="wideRadiusMetres">With <see cref="IndexStrategy.Grid"/> and a nearest radius: when larger than it,
    /// a second set of cells, built beside the first, answers the searches up to this radius that find nothing within
    /// the first (a near band of 10 km around a point 5–10 km from every boundary). Kept apart so that the common
    /// search stays on the smaller cells, whose empty leaves end most far-away searches at once.</param>
    /// <exception cref="ArgumentException">Ids not dense/unique, or a geometry that is not polygonal.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A radius is negative or not finite.</exception>
    public static PerimeterIndex Build(
        IReadOnlyList<Perimeter> perimeters,
        IndexStrategy strategy = IndexStrategy.Grid,
        double nearestRadiusMetres = DefaultNearestRadiusMetres,
        double wideRadiusMetres = DefaultWideRadiusMetres)
    {
        RequireRadius(nearestRadiusMetres, nameof(nearestRadiusMetres));
        RequireRadius(wideRadiusMetres, nameof(wideRadiusMetres));
        var set = new PerimeterSet(perimeters);
        switch (strategy)
        {
            case IndexStrategy.Scan:
                return new PerimeterIndex(set, null, null, null, strategy);
            case IndexStrategy.Grid:
                // The builders are single-threaded: the wide cells take the other core while the grid and the
                // nearest cells are built.
                var wide = nearestRadiusMetres > 0 && wideRadiusMetres > nearestRadiusMetres
                    ? Task.Run(() => NearestCellsBuilder.Build(set, wideRadiusMetres, nearestRadiusMetres))
                    : null;
                var grid = GridBuilder.Build(set);
                var nearest = nearestRadiusMetres > 0 ? NearestCellsBuilder.Build(set, nearestRadiusMetres) : null;
                return new PerimeterIndex(set, grid, nearest, wide?.GetAwaiter().GetResult(), strategy);
            default:
                throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown index strategy.");
        }
    }

    private static void RequireRadius(double metres, string name)
    {
        if (!double.IsFinite(metres) || metres < 0)
        {
            throw new ArgumentOutOfRangeException(name, metres, "The radius must be a finite number of metres ≥ 0.");
        }
    }

    /// <summary>
    /// Ids of the perimeters that cover the point (interior or boundary), in ascending order.
    /// </summary>
    /// <param name="lon">Longitude, WGS84 degrees.</param>
    /// <param name="lat">Latitude, WGS84 degrees.</param>
    /// <param name="hits">Receives the ids; 8 slots are plenty for real data.</param>
    /// <returns>The total number of covering perimeters; if larger than <paramref name="hits"/>.Length only the first
    /// (smallest) ids fit and are written. NaN coordinates cover nothing.</returns>
    public int FindCovering(double lon, double lat, Span<int> hits)
    {
        if (_grid is not null)
        {
            return _grid.FindCovering(lon, lat, hits);
        }

        if (!double.IsFinite(lon) || !double.IsFinite(lat))
        {
            return 0;
        }

        int count = 0;
        for (int id = 0; id < _set.Count; id++)
        {
            if (ScanLocator.Covers(_set, id, lon, lat))
            {
                if (count < hits.Length)
                {
                    hits[count] = id;
                }

                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The perimeter whose boundary is nearest to the point, if that boundary lies within
    /// <paramref name="maxDistanceMetres"/>; the point may be inside or outside. Ties go to the smaller id.
    /// </summary>
    /// <param name="lon">Longitude, WGS84 degrees.</param>
    /// <param name="lat">Latitude, WGS84 degrees.</param>
    /// <param name="maxDistanceMetres">Search radius in metres (inclusive), ≥ 0; intended for local radii (up to tens of km).</param>
    /// <param name="perimeterId">The nearest perimeter, or −1.</param>
    /// <param name="distanceMetres">Its boundary distance in metres (0 on the boundary), or +∞.</param>
    /// <returns>False if no boundary is within range.</returns>
    public bool TryFindNearestBoundary(double lon, double lat, double maxDistanceMetres, out int perimeterId, out double distanceMetres)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistanceMetres);
        Span<double> projected = stackalloc double[10];
        projected.Fill(double.NaN);
        // Start from the limit itself so cells beyond it are pruned; int.MaxValue marks "none yet" and still lets an
        // edge at exactly the limit win the tie.
        double best = maxDistanceMetres;
        int bestId = int.MaxValue;
        bool finite = double.IsFinite(lon) && double.IsFinite(lat);
        // Cells answer whenever the nearest boundary lies within their radius, whatever the limit: a wider search
        // walks the grid only when neither set found anything that close (what they found still bounds the walk).
        if (_grid is not null && finite
            && !Answers(_nearest, lon, lat, projected, ref best, ref bestId)
            && !Answers(_wide, lon, lat, projected, ref best, ref bestId))
        {
            // Beyond half the Earth's circumference every boundary is in range anyway.
            double limit = Math.Min(maxDistanceMetres, 2e7);
            double metresPerDegreeY = MinMetresPerDegreeLat;
            double metresPerDegreeX = MinMetresPerDegreeLat * Math.Cos(Math.Min(89.0, Math.Abs(lat) + limit / MinMetresPerDegreeLat) * Math.PI / 180.0);
            _grid.Nearest(lon, lat, metresPerDegreeX, metresPerDegreeY, projected, ref best, ref bestId);
        }
        else if (_grid is null)
        {
            SearchBox(lat, maxDistanceMetres, out double dLon, out double dLat);
            double[] bb = _set.Bbox;
            for (int id = 0; id < _set.Count; id++)
            {
                if (lon < bb[4 * id] - dLon || lon > bb[4 * id + 2] + dLon || lat < bb[4 * id + 1] - dLat || lat > bb[4 * id + 3] + dLat)
                {
                    continue;
                }

                int crs = _set.Crs[id];
                if (double.IsNaN(projected[2 * crs]))
                {
                    MetricCrs.FromOrdinal(crs).Project(lon, lat, out projected[2 * crs], out projected[2 * crs + 1]);
                }

                double d = SegmentDistance.ToBoundary(_set, id, projected[2 * crs], projected[2 * crs + 1]);
                if (d < best || (d == best && id < bestId))
                {
                    best = d;
                    bestId = id;
                }
            }
        }

        if (bestId != int.MaxValue)
        {
            perimeterId = bestId;
            distanceMetres = best;
            return true;
        }

        perimeterId = -1;
        distanceMetres = double.PositiveInfinity;
        return false;
    }

    /// <summary>Whether <paramref name="cells"/> settle the search: their leaf was scanned and (best, bestId) is exact.</summary>
    private static bool Answers(NearestCells? cells, double lon, double lat, Span<double> projected, ref double best, ref int bestId) =>
        cells is not null && cells.Nearest(lon, lat, projected, ref best, ref bestId) && best <= cells.Radius;

    /// <summary>
    /// Distance in metres from the point to the boundary of one perimeter (0 on the boundary; the point may be inside),
    /// in that perimeter's metric CRS. Reads one nearest-boundary cell when that boundary is the nearest of all and
    /// within <see cref="NearestRadiusMetres"/> (a point inside a perimeter that overlaps no other); otherwise the cost
    /// is linear in the perimeter's vertex count.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="perimeterId"/> is not in 0..Count−1.</exception>
    public double DistanceToBoundary(int perimeterId, double lon, double lat)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(perimeterId);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(perimeterId, _set.Count);
        if (_nearest is not null && double.IsFinite(lon) && double.IsFinite(lat))
        {
            Span<double> projected = stackalloc double[10];
            projected.Fill(double.NaN);
            if (_nearest.TryDistanceTo(perimeterId, lon, lat, projected, out double fromCell))
            {
                return fromCell;
            }
        }

        MetricCrs.FromOrdinal(_set.Crs[perimeterId]).Project(lon, lat, out double x, out double y);
        return SegmentDistance.ToBoundary(_set, perimeterId, x, y);
    }

    /// <summary>The metric CRS in which <paramref name="perimeterId"/>'s distances are measured (chosen from its bounding-box centre).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="perimeterId"/> is not in 0..Count−1.</exception>
    public MetricCrs CrsOf(int perimeterId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(perimeterId);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(perimeterId, _set.Count);
        return MetricCrs.FromOrdinal(_set.Crs[perimeterId]);
    }

    /// <summary>A lon/lat half-box guaranteed to contain every point within <paramref name="metres"/> (projected) of the latitude.</summary>
    private static void SearchBox(double lat, double metres, out double dLon, out double dLat)
    {
        dLat = metres / MinMetresPerDegreeLat;
        double maxLat = Math.Min(89.0, Math.Abs(lat) + dLat);
        dLon = metres / (MinMetresPerDegreeLat * Math.Cos(maxLat * Math.PI / 180.0));
    }
}
