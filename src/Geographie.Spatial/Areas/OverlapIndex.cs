using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.RelateNG;
using NetTopologySuite.Operation.Union;

namespace Geographie.Spatial.Areas;

/// <summary>
/// Answers "how much of this zone lies in each perimeter?" for a fixed set of perimeters, in the official metric CRS
/// of their territory: what PostGIS computes with <c>ST_Area(ST_Intersection(ST_Transform(zone, srid), ST_Transform(perimeter, srid)))</c>.
/// </summary>
/// <remarks>
/// <para>Each perimeter is projected once into the CRS of its bounding-box centre (as <see cref="PerimeterIndex"/> does
/// for distances) and kept with its area, a prepared geometry and an STR-tree entry per CRS. A zone is measured
/// against the perimeters of its own CRS only.</para>
/// <para>Per candidate perimeter (envelopes intersect), the area of the intersection comes from its boundary
/// integral (<see cref="IntersectionArea"/>), never building the intersection: exact, shared edges and vertices
/// included, and free of allocation per candidate; a candidate none of whose edges meets the zone's envelope (the
/// zone far from its boundary, wholly inside or wholly outside it) costs one scan of its stripes over that envelope
/// and one point-in-polygon test, the zone's edges never paired with its own. Pieces under
/// <see cref="TouchingAreaM2"/> are dropped: a zone that only touches a perimeter (shared edges or vertices)
/// integrates to zero up to rounding. When the pieces' geometries
/// are asked for, each piece is built instead: a perimeter that covers the zone contributes the whole zone, a
/// perimeter the zone covers contributes itself, the rest pay for an exact overlay (NTS OverlayNG, the algorithm of
/// GEOS ≥ 3.9 behind PostGIS).</para>
/// <para>Immutable after construction; <see cref="Measure(FlatRings, MetricCrs, bool)"/> is thread-safe.</para>
/// </remarks>
public sealed class OverlapIndex
{
    /// <summary>
    /// Pieces smaller than this (m²) are dropped: a zone sharing only edges or vertices with a perimeter integrates to
    /// zero up to the rounding of its running sums (far below a square millimetre on real data; a tenth of this is
    /// still three orders of magnitude above it).
    /// </summary>
    public const double TouchingAreaM2 = 1e-3;

    private const string InteriorsIntersect = "T********";

    private readonly Geometry[] _metric;
    private readonly IPreparedGeometry[] _prepared;
    private readonly MetricCrs[] _crs;
    private readonly double[] _area;
    private readonly bool[] _overlapsAnother;
    private readonly STRtree<int>?[] _trees;
    private readonly RingSet[] _rings;
    private readonly double[] _originX;
    private readonly double[] _originY;

    /// <summary>
    /// Builds the index; cost is linear in the vertices plus one relate per pair of perimeters whose envelopes meet.
    /// </summary>
    /// <param name="perimeters">Dense ids 0..n−1; Polygon or MultiPolygon in WGS84 lon/lat, valid.</param>
    /// <exception cref="ArgumentException">Ids not dense/unique, or a geometry that is not polygonal.</exception>
    public OverlapIndex(IReadOnlyList<Perimeter> perimeters)
    {
        ArgumentNullException.ThrowIfNull(perimeters);
        int n = perimeters.Count;
        _metric = new Geometry[n];
        _prepared = new IPreparedGeometry[n];
        _crs = new MetricCrs[n];
        _area = new double[n];
        _overlapsAnother = new bool[n];
        _trees = new STRtree<int>?[MetricCrs.All.Count];
        foreach (var p in perimeters)
        {
            if ((uint)p.Id >= (uint)n || _metric[p.Id] is not null)
            {
                throw new ArgumentException($"Perimeter ids must be dense and unique in 0..{n - 1}; got {p.Id}.", nameof(perimeters));
            }

            if (p.Geometry is not (Polygon or MultiPolygon))
            {
                throw new ArgumentException($"Perimeter {p.Id}: geometry must be a Polygon or MultiPolygon, not {p.Geometry?.GeometryType ?? "null"}.", nameof(perimeters));
            }

            var centre = p.Geometry.EnvelopeInternal.Centre;
            var crs = MetricProjection.ForLocation(centre.X, centre.Y);
            // Projected in a copy with a Coordinate per vertex, not packed: NTS's overlay and prepared predicates read
            // the perimeters a Coordinate at a time for the life of the snapshot.
            var metric = p.Geometry.Copy();
            MetricGeometry.ProjectInPlace(metric, crs);
            _crs[p.Id] = crs;
            _metric[p.Id] = metric;
            _area[p.Id] = PlanarArea.Of(metric);
            _prepared[p.Id] = PreparedGeometryFactory.Prepare(metric);
            (_trees[crs.Ordinal] ??= new STRtree<int>()).Insert(metric.EnvelopeInternal, p.Id);
        }

        foreach (var tree in _trees)
        {
            tree?.Build();
        }

        // One integer origin per CRS near its perimeters: shifting by it is exact and keeps the integrals' terms small.
        _originX = new double[_trees.Length];
        _originY = new double[_trees.Length];
        foreach (var group in Enumerable.Range(0, n).GroupBy(id => _crs[id].Ordinal))
        {
            var all = new Envelope();
            foreach (int id in group)
            {
                all.ExpandToInclude(_metric[id].EnvelopeInternal);
            }

            _originX[group.Key] = Math.Round(all.Centre.X);
            _originY[group.Key] = Math.Round(all.Centre.Y);
        }

        _rings = new RingSet[n];
        for (int id = 0; id < n; id++)
        {
            _rings[id] = new RingSet(FlatRings.Of(_metric[id]), _originX[_crs[id].Ordinal], _originY[_crs[id].Ordinal]);
        }

        for (int id = 0; id < n; id++)
        {
            foreach (int other in Candidates(_metric[id].EnvelopeInternal, _crs[id]))
            {
                // Interiors meeting: the covered area of a zone can then not be the plain sum of its pieces.
                if (other != id && InteriorsMeet(_metric[id], _metric[other]))
                {
                    _overlapsAnother[id] = true;
                    break;
                }
            }
        }
    }

    /// <summary>Number of indexed perimeters.</summary>
    public int Count => _metric.Length;

    /// <summary>The metric CRS of a perimeter (from its bounding-box centre).</summary>
    public MetricCrs CrsOf(int id) => _crs[id];

    /// <summary>Area of a perimeter in m², planar in <see cref="CrsOf"/>.</summary>
    public double AreaOf(int id) => _area[id];

    /// <summary>A perimeter projected into <see cref="CrsOf"/> (shared: do not modify).</summary>
    public Geometry MetricGeometryOf(int id) => _metric[id];

    /// <summary>
    /// Measures a zone against every perimeter of <paramref name="crs"/>.
    /// </summary>
    /// <param name="zone">Polygon or MultiPolygon in <paramref name="crs"/> metres, valid (repair it first).</param>
    /// <param name="crs">The zone's metric CRS; perimeters of other systems are ignored.</param>
    /// <param name="keepGeometry">Also return each piece's geometry (in <paramref name="crs"/>), at the cost of building it.</param>
    public ZoneAreas Measure(Geometry zone, MetricCrs crs, bool keepGeometry = false)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Measure(zone, PlanarArea.Of(zone), null, crs, keepGeometry, pairEveryEdge: false);
    }

    /// <summary>
    /// Measures a zone already read into flat rings against every perimeter of <paramref name="crs"/>: the same areas,
    /// to the bit, as <see cref="Measure(Geometry, MetricCrs, bool)"/> on <see cref="FlatRings.Geometry"/>, without
    /// reading the zone's coordinates again (its area included, kept by <paramref name="zone"/>).
    /// </summary>
    /// <param name="zone">The rings of a valid Polygon or MultiPolygon in <paramref name="crs"/> metres.</param>
    /// <param name="crs">The zone's metric CRS; perimeters of other systems are ignored.</param>
    /// <param name="keepGeometry">Also return each piece's geometry (in <paramref name="crs"/>), at the cost of building it.</param>
    public ZoneAreas Measure(FlatRings zone, MetricCrs crs, bool keepGeometry = false)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Measure(zone.Geometry, zone.Area, zone, crs, keepGeometry, pairEveryEdge: false);
    }

    /// <summary>
    /// <see cref="Measure(FlatRings, MetricCrs, bool)"/> pairing the zone's edges with every candidate's, even with a
    /// candidate none of whose edges meets the zone's envelope (<see cref="IntersectionArea.Paired"/>): the oracle of
    /// the shortcut that skips that pairing, for the tests.
    /// </summary>
    internal ZoneAreas MeasurePairingEveryEdge(FlatRings zone, MetricCrs crs) =>
        Measure(zone.Geometry, zone.Area, zone, crs, keepGeometry: false, pairEveryEdge: true);

    /// <summary>Ids of the perimeters of <paramref name="crs"/> whose envelope meets <paramref name="envelope"/> (metres), in no order.</summary>
    public List<int> Candidates(Envelope envelope, MetricCrs crs) =>
        _trees[crs.Ordinal] is { } tree ? [.. tree.Query(envelope)] : [];

    /// <summary>
    /// What both public overloads measure; <paramref name="flat"/> null reads the zone's rings when the integrals need
    /// them; <paramref name="pairEveryEdge"/> only for <see cref="MeasurePairingEveryEdge"/>.
    /// </summary>
    private ZoneAreas Measure(Geometry zone, double zoneArea, FlatRings? flat, MetricCrs crs, bool keepGeometry, bool pairEveryEdge)
    {
        var pieces = new List<AreaPiece>();
        if (zone.IsEmpty || zoneArea <= 0)
        {
            return new ZoneAreas(crs, 0, 0, pieces);
        }

        var candidates = Candidates(flat?.Envelope ?? zone.EnvelopeInternal, crs);
        candidates.Sort();
        var zoneRings = keepGeometry || zone is not (Polygon or MultiPolygon) || candidates.Count == 0
            ? null
            : new RingSet(flat ?? FlatRings.Of(zone), _originX[crs.Ordinal], _originY[crs.Ordinal], striped: false);
        IPreparedGeometry? preparedZone = null;
        bool overlapping = false;
        foreach (int id in candidates)
        {
            var piece = zoneRings is null
                ? Overlay(id, zone, zoneArea, keepGeometry, ref preparedZone)
                : new AreaPiece(id, pairEveryEdge ? IntersectionArea.Paired(zoneRings, _rings[id]) : IntersectionArea.Of(zoneRings, _rings[id]), null);
            if (piece.AreaM2 < TouchingAreaM2)
            {
                continue;
            }

            pieces.Add(piece);
            overlapping |= _overlapsAnother[id];
        }

        return new ZoneAreas(crs, zoneArea, overlapping ? UnionArea(zone, pieces) : pieces.Sum(p => p.AreaM2), pieces);
    }

    private AreaPiece Overlay(int id, Geometry zone, double zoneArea, bool keepGeometry, ref IPreparedGeometry? preparedZone)
    {
        var perimeter = _metric[id];
        var zoneEnvelope = zone.EnvelopeInternal;
        if (CoversZone(id, zone, zoneEnvelope))
        {
            return new AreaPiece(id, zoneArea, keepGeometry ? zone : null);
        }

        if (zoneEnvelope.Covers(perimeter.EnvelopeInternal) && (preparedZone ??= PreparedGeometryFactory.Prepare(zone)).Covers(perimeter))
        {
            return new AreaPiece(id, _area[id], keepGeometry ? perimeter : null);
        }

        var intersection = OverlayNGRobust.Overlay(zone, perimeter, SpatialFunction.Intersection);
        return new AreaPiece(id, intersection.Area, keepGeometry ? intersection : null);
    }

    private bool CoversZone(int id, Geometry zone, Envelope zoneEnvelope)
    {
        var envelope = _metric[id].EnvelopeInternal;
        return envelope.Covers(zoneEnvelope)
            && ((envelope.Equals(zoneEnvelope) && _metric[id].EqualsExact(zone)) || _prepared[id].Covers(zone));
    }

    // Neighbours sharing only an edge or a vertex do not overlap: their pieces can be summed.
    private static bool InteriorsMeet(Geometry a, Geometry b) => RelateNG.Relate(a, b, InteriorsIntersect);

    private double UnionArea(Geometry zone, List<AreaPiece> pieces)
    {
        var union = UnaryUnionOp.Union(pieces.Select(p => _metric[p.Id]).ToArray());
        return OverlayNGRobust.Overlay(zone, union, SpatialFunction.Intersection).Area;
    }
}
