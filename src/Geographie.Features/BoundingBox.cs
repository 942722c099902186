using NetTopologySuite.Geometries;

namespace Geographie.Features;

/// <summary>
/// A CRS84 box (longitudes then latitudes, degrees). A box whose <see cref="MinLon"/> exceeds <see cref="MaxLon"/> crosses
/// the antimeridian, as OGC API Features defines it, and is tested as its two halves. Immutable.
/// </summary>
public sealed record BoundingBox(double MinLon, double MinLat, double MaxLon, double MaxLat)
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    /// <summary>True when <paramref name="geometry"/> intersects the box (its boundary included), exactly, not by envelope.</summary>
    public bool Intersects(Geometry geometry)
    {
        var envelope = geometry.EnvelopeInternal;
        return MinLon <= MaxLon
            ? Intersects(geometry, envelope, MinLon, MaxLon)
            : Intersects(geometry, envelope, MinLon, 180) || Intersects(geometry, envelope, -180, MaxLon);
    }

    private bool Intersects(Geometry geometry, Envelope envelope, double minLon, double maxLon)
    {
        if (envelope.MaxX < minLon || envelope.MinX > maxLon || envelope.MaxY < MinLat || envelope.MinY > MaxLat)
        {
            return false;
        }
        // A box that holds the whole envelope intersects without a geometric test.
        if (envelope.MinX >= minLon && envelope.MaxX <= maxLon && envelope.MinY >= MinLat && envelope.MaxY <= MaxLat)
        {
            return true;
        }
        return Factory.ToGeometry(new Envelope(minLon, maxLon, MinLat, MaxLat)).Intersects(geometry);
    }
}
