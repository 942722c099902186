using Geographie.Tiles;
using NetTopologySuite.Geometries;

namespace Geographie.Tiles.Tests.Support;

/// <summary>Oracle geometry for one tile: WGS84 → Web Mercator → tile units (double, y down), clipped with NTS overlay.</summary>
internal static class TileSpace
{
    private static readonly GeometryFactory Factory = new();

    public static Geometry ToTileUnits(Geometry wgs84, TileAddress tile, int extent = 4096)
    {
        (double minX, _, _, double maxY) = WebMercator.TileBounds(tile);
        double scale = extent / WebMercator.TileSize(tile.Z);
        Geometry copy = Factory.CreateGeometry(wgs84);
        copy.Apply(new CoordinateAction(c =>
        {
            (double x, double y) = WebMercator.FromLonLat(c.X, c.Y);
            c.X = (x - minX) * scale;
            c.Y = (maxY - y) * scale;
        }));
        copy.GeometryChanged();
        return copy;
    }

    public static Polygon ClipBox(int extent = 4096, int buffer = 64) =>
        (Polygon)Factory.ToGeometry(new Envelope(-buffer, extent + buffer, -buffer, extent + buffer));

    /// <summary>Source clipped to the buffered tile; invalid sources are repaired with buffer(0) first.</summary>
    public static Geometry Expected(Geometry wgs84, TileAddress tile)
    {
        Geometry g = ToTileUnits(wgs84, tile);
        if (!g.IsValid)
        {
            g = g.Buffer(0);
        }

        return Polygonal(g.Intersection(ClipBox()));
    }

    /// <summary>The polygonal part of an overlay result (drops the lines and points overlays can emit).</summary>
    public static Geometry Polygonal(Geometry g) =>
        NetTopologySuite.Geometries.Utilities.PolygonExtracter.GetPolygons(g) is { Count: > 0 } parts
            ? Factory.BuildGeometry(parts)
            : Factory.CreatePolygon();

    /// <summary>
    /// Symmetric boundary distance restricted to the visible tile: the largest distance from a (densified) boundary
    /// point of either geometry lying inside [0, extent]² to the other geometry's boundary. Unlike a Hausdorff
    /// distance of re-clipped geometries, it is not inflated where an edge meets the tile edge at a shallow angle.
    /// </summary>
    public static double BoundaryDistance(Geometry actual, Geometry expected, int extent = 4096)
    {
        var window = new Envelope(0, extent, 0, extent);
        return Math.Max(Directed(actual, expected, window), Directed(expected, actual, window));
    }

    private static double Directed(Geometry from, Geometry to, Envelope window)
    {
        if (to.IsEmpty)
        {
            return from.IsEmpty ? 0 : double.PositiveInfinity;
        }

        var distance = new NetTopologySuite.Operation.Distance.IndexedFacetDistance(to.Boundary);
        double max = 0;
        foreach (Coordinate c in NetTopologySuite.Densify.Densifier.Densify(from.Boundary, 4).Coordinates)
        {
            if (window.Contains(c))
            {
                max = Math.Max(max, distance.Distance(Factory.CreatePoint(c)));
            }
        }

        return max;
    }

    private sealed class CoordinateAction(Action<Coordinate> action) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (int i = 0; i < seq.Count; i++)
            {
                var c = new Coordinate(seq.GetX(i), seq.GetY(i));
                action(c);
                seq.SetX(i, c.X);
                seq.SetY(i, c.Y);
            }
        }
    }
}
