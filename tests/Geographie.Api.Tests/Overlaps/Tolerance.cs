namespace Geographie.Api.Tests.Overlaps;

/// <summary>The exactness contract of the overlap figures: PostGIS's value within 0.01 % or 1 m².</summary>
internal static class Tolerance
{
    public static void AssertArea(double postgis, double ours, string what) =>
        Assert.True(Math.Abs(postgis - ours) <= Math.Max(1.0, 1e-4 * Math.Abs(postgis)), $"{what}: PostGIS {postgis} m², ours {ours} m²");
}
