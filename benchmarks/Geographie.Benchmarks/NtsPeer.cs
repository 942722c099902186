using Geographie.Spatial;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Distance;

namespace Geographie.Benchmarks;

/// <summary>The NetTopologySuite peer: STRtree of envelopes over IndexedPointInAreaLocator / IndexedFacetDistance per perimeter.</summary>
public sealed class NtsPeer
{
    private readonly STRtree<int> _tree = new();
    private readonly IndexedPointInAreaLocator[] _locators;
    private readonly STRtree<int> _projectedTree = new();
    private readonly IndexedFacetDistance[] _facets;
    private readonly GeometryFactory _factory = new();

    public NtsPeer(IReadOnlyList<Perimeter> perimeters, bool distances)
    {
        _locators = new IndexedPointInAreaLocator[perimeters.Count];
        _facets = new IndexedFacetDistance[distances ? perimeters.Count : 0];
        foreach (Perimeter p in perimeters)
        {
            _locators[p.Id] = new IndexedPointInAreaLocator(p.Geometry);
            _tree.Insert(p.Geometry.EnvelopeInternal, p.Id);
            if (distances)
            {
                Geometry projected = p.Geometry.Copy();
                projected.Apply(new Lambert93());
                projected.GeometryChanged();
                _facets[p.Id] = new IndexedFacetDistance(projected.Boundary);
                _projectedTree.Insert(projected.EnvelopeInternal, p.Id);
            }
        }

        _tree.Build();
        if (distances)
        {
            _projectedTree.Build();
        }
    }

    /// <summary>Number of covering perimeters (the query allocates: NTS has no allocation-free API).</summary>
    public int CountCovering(double x, double y)
    {
        var c = new Coordinate(x, y);
        int n = 0;
        foreach (int id in _tree.Query(new Envelope(c)))
        {
            if (_locators[id].Locate(c) != Location.Exterior)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>
    /// The spatial part of a complete eligibility answer: the covering perimeter and the distance to its boundary, or
    /// else the nearest boundary within <paramref name="maxMetres"/> (Lambert-93). Returns the perimeter id or −1 and
    /// sets <paramref name="inside"/>.
    /// </summary>
    public int Answer(double lon, double lat, double maxMetres, out bool inside, out double distance)
    {
        var c = new Coordinate(lon, lat);
        foreach (int id in _tree.Query(new Envelope(c)))
        {
            if (_locators[id].Locate(c) != Location.Exterior)
            {
                MetricCrs.Lambert93.Project(lon, lat, out double x, out double y);
                inside = true;
                distance = _facets[id].Distance(_factory.CreatePoint(new Coordinate(x, y)));
                return id;
            }
        }

        inside = false;
        return Nearest(lon, lat, maxMetres, out distance);
    }

    /// <summary>Nearest boundary within maxMetres, Lambert-93.</summary>
    public int Nearest(double lon, double lat, double maxMetres, out double distance)
    {
        MetricCrs.Lambert93.Project(lon, lat, out double x, out double y);
        var env = new Envelope(x - maxMetres, x + maxMetres, y - maxMetres, y + maxMetres);
        Point pt = _factory.CreatePoint(new Coordinate(x, y));
        int best = -1;
        distance = double.PositiveInfinity;
        foreach (int id in _projectedTree.Query(env))
        {
            double d = _facets[id].Distance(pt);
            if (d < distance && d <= maxMetres)
            {
                distance = d;
                best = id;
            }
        }

        return best;
    }

    private sealed class Lambert93 : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (int i = 0; i < seq.Count; i++)
            {
                MetricCrs.Lambert93.Project(seq.GetX(i), seq.GetY(i), out double x, out double y);
                seq.SetX(i, x);
                seq.SetY(i, y);
            }
        }
    }
}
