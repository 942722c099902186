using Geographie.Api.Tests.Eligibility;
using Geographie.Import.Files;
using Geographie.Testing;
using NetTopologySuite.Geometries;

namespace Geographie.Api.Tests.Browser;

/// <summary>Places for the browser tests, chosen by rule from the shipped real data (never a hard-coded answer).</summary>
internal static class MapData
{
    public sealed record Commune(string Insee, string Name, Geometry Outline);

    /// <summary>The Rhône commune outlines shipped in geodata/admin/communes_69.geojson.</summary>
    public static IReadOnlyList<Commune> RhoneCommunes { get; } =
        GeoJsonFeatureReader.Read(Geodata.Path("admin/communes_69.geojson")).Features
            .Select(f => new Commune(f.Attribute("code")!, f.Attribute("nom")!, f.Geometry!))
            .ToArray();

    /// <summary>The largest Lyon 2015 perimeter and a point inside it.</summary>
    public static (string Code, Geometry Perimeter, Coordinate Inside) LargestLyonQuartier { get; } = Largest();

    /// <summary>The Rhône commune whose outline holds the point.</summary>
    public static Commune CommuneAt(Coordinate point) =>
        RhoneCommunes.Single(c => c.Outline.Covers(new Point(point)));

    /// <summary>Lower case without the French accents, as someone types on a keyboard without them.</summary>
    /// <remarks>Spelt out: the test host runs in invariant globalization mode, where Unicode normalization is not available.</remarks>
    public static string Unaccented(string text) => new string(text.Select(c => Accented.IndexOf(c) is var i and >= 0 ? Plain[i] : c).ToArray()).ToLowerInvariant();

    /// <summary>Whether the text carries one of the French accents.</summary>
    public static bool HasAccent(string text) => text.Any(c => Accented.Contains(c));

    private const string Accented = "àâäéèêëîïôöùûüçÀÂÄÉÈÊËÎÏÔÖÙÛÜÇ";
    private const string Plain = "aaaeeeeiioouuucAAAEEEEIIOOUUUC";

    private static (string, Geometry, Coordinate) Largest()
    {
        var (code, perimeter) = RealPoints.LyonPerimeters.OrderByDescending(p => p.Perimeter.Area).First();
        return (code, perimeter, perimeter.InteriorPoint.Coordinate);
    }
}
