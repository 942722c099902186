using System.Globalization;
using System.Text.Json;
using Geographie.Tiles;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Geographie.Benchmarks.Tiles;

/// <summary>
/// The tile workloads from geodata/: Marseille = 111 quartiers (74,803 vertices) + 119 communes of the 13 + 138 collèges;
/// Lyon = 37 QPV 2015 perimeters. Same layers and properties as tests/Geographie.Tiles.Tests/Support/GeoData.cs.
/// </summary>
public static class TileBenchData
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static TileLayer[] Layers(string city) => city == "Marseille" ? Marseille() : Lyon();

    /// <summary>Every tile at zoom <paramref name="z"/> covering the city's quartiers.</summary>
    public static TileAddress[] Tiles(string city, int z)
    {
        var env = new Envelope();
        foreach (TileFeature f in Layers(city)[0].Features)
        {
            env.ExpandToInclude(f.Geometry.EnvelopeInternal);
        }

        (int x0, int y0) = TileOf(env.MinX, env.MaxY, z);
        (int x1, int y1) = TileOf(env.MaxX, env.MinY, z);
        var tiles = new List<TileAddress>();
        for (int x = x0; x <= x1; x++)
        {
            for (int y = y0; y <= y1; y++)
            {
                tiles.Add(new TileAddress(z, x, y));
            }
        }

        return tiles.ToArray();
    }

    private static (int X, int Y) TileOf(double lon, double lat, int z)
    {
        (double mx, double my) = WebMercator.FromLonLat(lon, lat);
        double size = WebMercator.TileSize(z);
        return ((int)Math.Floor((mx + WebMercator.HalfWorld) / size), (int)Math.Floor((WebMercator.HalfWorld - my) / size));
    }

    private static TileLayer[] Marseille()
    {
        TileFeature[] q = Read("admin/quartiers_marseille_111.geojson").Select(f => new TileFeature(
            ulong.Parse((string)f.Attributes["code_qua"], CultureInfo.InvariantCulture), f.Geometry, new Dictionary<string, object>
            {
                ["code"] = (string)f.Attributes["code_qua"],
                ["name"] = (string)f.Attributes["nom"],
                ["communes"] = (string)f.Attributes["NOM_CO"],
                // Marseille's 111 administrative quartiers: a heavy polygon workload, not QPV; only the file's own attributes.
                ["geography"] = "quartiers-marseille",
                ["num"] = Convert.ToInt64(f.Attributes["num_qua"], CultureInfo.InvariantCulture),
                ["depco"] = (string)f.Attributes["DEPCO"],
            })).ToArray();
        TileFeature[] c = Read("admin/communes_13.geojson").Select(f => new TileFeature(
            ulong.Parse((string)f.Attributes["code"], CultureInfo.InvariantCulture), f.Geometry, new Dictionary<string, object>
            {
                ["insee"] = (string)f.Attributes["code"],
                ["name"] = (string)f.Attributes["nom"],
            })).ToArray();
        string[] lines = File.ReadAllLines(Path.Combine(Root, "geodata", "points", "colleges_publics_13.csv"));
        string[] h = lines[0].Split(',');
        TileFeature[] e = lines.Skip(1).Where(l => l.Length > 0).Select((l, i) =>
        {
            string[] v = l.Split(',');
            double lon = double.Parse(v[Array.IndexOf(h, "longitude")], CultureInfo.InvariantCulture);
            double lat = double.Parse(v[Array.IndexOf(h, "latitude")], CultureInfo.InvariantCulture);
            return new TileFeature((ulong)(i + 1), Factory.CreatePoint(new Coordinate(lon, lat)), new Dictionary<string, object>
            {
                ["uai"] = v[Array.IndexOf(h, "uai")],
                ["name"] = v[Array.IndexOf(h, "nom")],
                ["ep"] = v[Array.IndexOf(h, "ep")],
                ["commune"] = v[Array.IndexOf(h, "nom_commune")],
            });
        }).ToArray();
        return [new TileLayer("quartiers", q), new TileLayer("communes", c), new TileLayer("etablissements", e)];
    }

    private static TileLayer[] Lyon()
    {
        TileFeature[] q = Read("qpv2015/qpv2015_metropole_lyon.geojson").Select(f => new TileFeature(
            ulong.Parse(((string)f.Attributes["CODE_QP"])[2..], CultureInfo.InvariantCulture), f.Geometry, new Dictionary<string, object>
            {
                ["code"] = (string)f.Attributes["CODE_QP"],
                ["name"] = (string)f.Attributes["Nom du QPV"],
                ["communes"] = (string)f.Attributes["Commune"],
                ["geography"] = "qpv2015",
                ["inscrits"] = Convert.ToDouble(f.Attributes["Inscrits"], CultureInfo.InvariantCulture),
            })).ToArray();
        return [new TileLayer("quartiers", q)];
    }

    private static FeatureCollection Read(string relative)
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        using FileStream stream = File.OpenRead(Path.Combine(Root, "geodata", relative));
        return JsonSerializer.Deserialize<FeatureCollection>(stream, options)!;
    }

    // The repository root, found once for every benchmark.
    private static string Root => Workloads.Root;
}
