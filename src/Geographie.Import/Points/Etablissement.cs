using System.Globalization;
using Geographie.Import.Csv;
using NetTopologySuite.Geometries;

namespace Geographie.Import.Points;

/// <summary>A collège of the shipped list (geodata/points/colleges_publics_13.csv) with its éducation prioritaire status.</summary>
public sealed record Etablissement(string Uai, string Name, string Ep, string Commune, Point Location)
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    /// <summary>Reads the collèges CSV; throws <see cref="InvalidDataException"/> naming the first bad line.</summary>
    public static IReadOnlyList<Etablissement> ReadColleges(string path)
    {
        using var csv = CsvRowReader.Open(new StreamReader(path), out var header);
        var index = header!.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i, StringComparer.OrdinalIgnoreCase);
        var list = new List<Etablissement>();
        while (csv.ReadRow() is { } row)
        {
            if (!double.TryParse(row[index["longitude"]], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
                || !double.TryParse(row[index["latitude"]], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat))
            {
                throw new InvalidDataException($"{Path.GetFileName(path)} line {csv.LineNumber}: longitude/latitude are not numbers");
            }
            list.Add(new Etablissement(row[index["uai"]], row[index["nom"]], row[index["ep"]], row[index["nom_commune"]],
                Wgs84.CreatePoint(new Coordinate(lon, lat))));
        }
        return list;
    }
}
