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
/// <para>Per candidate perimeter (envelopes intersect): a perimeter that covers the zone contributes the whole zone, a
/// perimeter the zone covers contributes itself; the rest pay for an exact overlay (NTS OverlayNG, the algorithm of
/// GEOS ≥ 3.9 behind PostGIS), clipped by OverlayNG to the envelopes' intersection. Pieces of zero area (shared edges
/// or vertices, disjoint shapes) are dropped: a prepared intersects or a relate first cost as much as the overlay.</para>
/// <para>Immutable after construction; <see cref="Measure"/> is thread-safe.</para>
/// </remarks>
public sealed class OverlapIndex
{
    private const string InteriorsIntersect = "T********";

    private readonly Geometry[] _metric;
    private readonly IPreparedGeometry[] _prepared;
    private readonly MetricCrs[] _crs;
    private readonly double[] _area;
    private readonly bool[] _overlapsAnother;
    private readonly STRtree<int>?[] _trees;

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
            var metric = MetricGeometry.Project(p.Geometry, crs);
            _crs[p.Id] = crs;
            _metric[p.Id] = metric;
            _area[p.Id] = metric.Area;
            _prepared[p.Id] = PreparedGeometryFactory.Prepare(metric);
            (_trees[crs.Ordinal] ??= new STRtree<int>()).Insert(metric.EnvelopeInternal, p.Id);
        }

        foreach (var tree in _trees)
        {
            tree?.Build();
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
        double zoneArea = zone.Area;
        var pieces = new List<AreaPiece>();
        if (zone.IsEmpty || zoneArea <= 0)
        {
            return new ZoneAreas(crs, 0, 0, pieces);
        }

        var zoneEnvelope = zone.EnvelopeInternal;
        IPreparedGeometry? preparedZone = null;
        bool overlapping = false;
        var candidates = Candidates(zoneEnvelope, crs);
        candidates.Sort();
        foreach (int id in candidates)
        {
            var perimeter = _metric[id];
            var envelope = perimeter.EnvelopeInternal;
            if (CoversZone(id, zone, zoneEnvelope))
            {
                pieces.Add(new AreaPiece(id, zoneArea, keepGeometry ? zone : null));
            }
            else if (zoneEnvelope.Covers(envelope) && (preparedZone ??= PreparedGeometryFactory.Prepare(zone)).Covers(perimeter))
            {
                pieces.Add(new AreaPiece(id, _area[id], keepGeometry ? perimeter : null));
            }
            else
            {
                var intersection = OverlayNGRobust.Overlay(zone, perimeter, SpatialFunction.Intersection);
                double area = intersection.Area;
                if (area <= 0)
                {
                    continue;
                }

                pieces.Add(new AreaPiece(id, area, keepGeometry ? intersection : null));
            }

            overlapping |= _overlapsAnother[id];
        }

        return new ZoneAreas(crs, zoneArea, overlapping ? UnionArea(zone, pieces) : pieces.Sum(p => p.AreaM2), pieces);
    }

    /// <summary>
    /// The smallest id of a perimeter of <paramref name="crs"/> that covers <paramref name="zone"/> on its own, or −1.
    /// A zone equal to a perimeter (a commune outline measured as a zone) is recognised without a relate.
    /// </summary>
    public int FindCovering(Geometry zone, MetricCrs crs)
    {
        var envelope = zone.EnvelopeInternal;
        var candidates = Candidates(envelope, crs);
        candidates.Sort();
        foreach (int id in candidates)
        {
            if (CoversZone(id, zone, envelope))
            {
                return id;
            }
        }

        return -1;
    }

    /// <summary>Ids of the perimeters of <paramref name="crs"/> whose envelope meets <paramref name="envelope"/> (metres), in no order.</summary>
    public List<int> Candidates(Envelope envelope, MetricCrs crs) =>
        _trees[crs.Ordinal] is { } tree ? [.. tree.Query(envelope)] : [];

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
