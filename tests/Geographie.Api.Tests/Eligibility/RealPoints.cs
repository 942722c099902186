using System.Globalization;
using Geographie.Import.Csv;
using Geographie.Import.Files;
using Geographie.Testing;
using NetTopologySuite.Geometries;

namespace Geographie.Api.Tests.Eligibility;

/// <summary>Points and perimeters from the shipped real data, chosen by rule (never by hard-coded answer).</summary>
internal static class RealPoints
{
    public sealed record College(string Uai, string Name, string Insee, double Lon, double Lat);

    public static IReadOnlyList<(string Code, Geometry Perimeter)> LyonPerimeters { get; } =
        GeoJsonFeatureReader.Read(Geodata.Path("qpv2015/qpv2015_metropole_lyon.geojson")).Features
            .Select(f => (f.Attribute("CODE_QP")!, f.Geometry!))
            .ToArray();

    public static IReadOnlyList<College> Colleges { get; } = ReadColleges();

    /// <summary>A fixed-seed sample: random points over the Lyon perimeters' bounding box, plus real interior and boundary-adjacent points.</summary>
    public static IReadOnlyList<(double Lon, double Lat)> LyonSample(int randomCount, int seed)
    {
        var envelope = new Envelope();
        foreach (var (_, perimeter) in LyonPerimeters)
        {
            envelope.ExpandToInclude(perimeter.EnvelopeInternal);
        }
        envelope.ExpandBy(0.01);
        var random = new Random(seed);
        var points = Enumerable.Range(0, randomCount)
            .Select(_ => (envelope.MinX + random.NextDouble() * envelope.Width, envelope.MinY + random.NextDouble() * envelope.Height))
            .ToList();
        foreach (var (_, perimeter) in LyonPerimeters)
        {
            var inside = perimeter.InteriorPoint.Coordinate;
            points.Add((inside.X, inside.Y));
            var vertex = perimeter.Coordinates[0];
            points.Add((vertex.X, vertex.Y));
            points.Add((vertex.X + 0.0008, vertex.Y + 0.0003));
        }
        return points;
    }

    private static IReadOnlyList<College> ReadColleges()
    {
        using var csv = CsvRowReader.Open(new StreamReader(Geodata.Path("points/colleges_publics_13.csv")), out var header);
        var columns = header!.Select((name, index) => (name, index)).ToDictionary(c => c.name, c => c.index);
        var colleges = new List<College>();
        while (csv.ReadRow() is { } row)
        {
            // Marseille's collèges carry their arrondissement's code (13201–13216); the register codes the commune, 13055.
            var insee = row[columns["code_commune"]];
            colleges.Add(new College(row[columns["uai"]], row[columns["nom"]], insee.StartsWith("132", StringComparison.Ordinal) ? "13055" : insee,
                double.Parse(row[columns["longitude"]], CultureInfo.InvariantCulture),
                double.Parse(row[columns["latitude"]], CultureInfo.InvariantCulture)));
        }
        return colleges;
    }
}
