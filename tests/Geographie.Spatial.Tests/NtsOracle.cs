using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace Geographie.Spatial.Tests;

/// <summary>NetTopologySuite reference: STRtree of envelopes + IndexedPointInAreaLocator per perimeter. Covered = Interior or Boundary.</summary>
internal sealed class NtsOracle
{
    private readonly STRtree<int> _tree = new();
    private readonly IndexedPointInAreaLocator[] _locators;

    public NtsOracle(IReadOnlyList<Perimeter> perimeters)
    {
        _locators = new IndexedPointInAreaLocator[perimeters.Count];
        foreach (Perimeter p in perimeters)
        {
            _locators[p.Id] = new IndexedPointInAreaLocator(p.Geometry);
            _tree.Insert(p.Geometry.EnvelopeInternal, p.Id);
        }

        _tree.Build();
    }

    /// <summary>Covering ids ascending. Not thread-safe (IndexedPointInAreaLocator builds lazily).</summary>
    public List<int> Covering(double x, double y)
    {
        var result = new List<int>();
        var c = new Coordinate(x, y);
        foreach (int id in _tree.Query(new Envelope(c)))
        {
            if (_locators[id].Locate(c) != Location.Exterior)
            {
                result.Add(id);
            }
        }

        result.Sort();
        return result;
    }
}
