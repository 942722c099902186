using System.Globalization;
using System.Text.Json;
using Geographie.Tiles;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Geographie.Tiles.Tests.Support;

/// <summary>Builds the real layers from geodata/ (found by walking up to Geographie.sln). Cached, thread-safe.</summary>
internal static class GeoData
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);
    private static readonly Lazy<TileLayer[]> MarseilleLayers = new(BuildMarseille);
    private static readonly Lazy<TileLayer[]> LyonLayers = new(BuildLyon);
    private static readonly Lazy<TileDataSet> MarseilleSet = new(() => new TileDataSet(MarseilleLayers.Value));
    private static readonly Lazy<TileDataSet> LyonSet = new(() => new TileDataSet(LyonLayers.Value));

    public static string Root { get; } = FindRoot();

    /// <summary>quartiers (111 Marseille quartiers as QPV stand-ins), communes (119 of the 13), etablissements (collèges publics 13).</summary>
    public static TileLayer[] Marseille => MarseilleLayers.Value;

    /// <summary>quartiers (37 QPV 2015 of the Lyon metropolis).</summary>
    public static TileLayer[] Lyon => LyonLayers.Value;

    public static TileDataSet MarseilleDataSet => MarseilleSet.Value;

    public static TileDataSet LyonDataSet => LyonSet.Value;

    public static FeatureCollection ReadGeoJson(string relative)
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        using FileStream stream = File.OpenRead(Path.Combine(Root, "geodata", relative));
        return JsonSerializer.Deserialize<FeatureCollection>(stream, options)!;
    }

    private static TileLayer[] BuildMarseille()
    {
        FeatureCollection quartiers = ReadGeoJson("admin/quartiers_marseille_111.geojson");
        var q = quartiers.Select((f, i) => new TileFeature(
            ulong.Parse((string)f.Attributes["code_qua"], CultureInfo.InvariantCulture),
            f.Geometry,
            new Dictionary<string, object>
            {
                ["code"] = (string)f.Attributes["code_qua"],
                ["name"] = (string)f.Attributes["nom"],
                ["communes"] = (string)f.Attributes["NOM_CO"],
                ["geography"] = "quartiers-marseille",
                ["projets"] = (long)(i % 7),
                ["defis"] = i % 3 == 0 ? "1,2" : "3",
                ["orientations"] = i % 2 == 0 ? "1.1,2.3" : string.Empty,
            })).ToArray();

        FeatureCollection communes = ReadGeoJson("admin/communes_13.geojson");
        var c = communes.Select((f, i) => new TileFeature(
            ulong.Parse((string)f.Attributes["code"], CultureInfo.InvariantCulture),
            f.Geometry,
            new Dictionary<string, object>
            {
                ["insee"] = (string)f.Attributes["code"],
                ["name"] = (string)f.Attributes["nom"],
                ["qpv"] = (long)(i % 4),
                ["projets"] = (long)(i % 5),
            })).ToArray();

        return [new TileLayer("quartiers", q), new TileLayer("communes", c), new TileLayer("etablissements", Colleges())];
    }

    private static TileLayer[] BuildLyon()
    {
        FeatureCollection qpv = ReadGeoJson("qpv2015/qpv2015_metropole_lyon.geojson");
        var q = qpv.Select((f, i) => new TileFeature(
            ulong.Parse(((string)f.Attributes["CODE_QP"])[2..], CultureInfo.InvariantCulture),
            f.Geometry,
            new Dictionary<string, object>
            {
                ["code"] = (string)f.Attributes["CODE_QP"],
                ["name"] = (string)f.Attributes["Nom du QPV"],
                ["communes"] = (string)f.Attributes["Commune"],
                ["geography"] = "qpv2015",
                ["projets"] = (long)(i % 3),
                ["defis"] = "1,4",
                ["orientations"] = "2.1",
            })).ToArray();
        return [new TileLayer("quartiers", q)];
    }

    private static TileFeature[] Colleges()
    {
        string[] lines = File.ReadAllLines(Path.Combine(Root, "geodata", "points", "colleges_publics_13.csv"));
        string[] header = lines[0].Split(',');
        int uai = Array.IndexOf(header, "uai"), nom = Array.IndexOf(header, "nom"), ep = Array.IndexOf(header, "ep");
        int commune = Array.IndexOf(header, "nom_commune"), lat = Array.IndexOf(header, "latitude"), lon = Array.IndexOf(header, "longitude");
        return lines.Skip(1).Where(l => l.Length > 0).Select((l, i) =>
        {
            string[] c = l.Split(',');
            Point p = Factory.CreatePoint(new Coordinate(
                double.Parse(c[lon], CultureInfo.InvariantCulture), double.Parse(c[lat], CultureInfo.InvariantCulture)));
            return new TileFeature((ulong)(i + 1), p, new Dictionary<string, object>
            {
                ["uai"] = c[uai],
                ["name"] = c[nom],
                ["ep"] = c[ep],
                ["commune"] = c[commune],
            });
        }).ToArray();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Geographie.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Geographie.sln not found above " + AppContext.BaseDirectory);
    }
}
