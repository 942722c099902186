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

    /// <summary>
    /// Marseille benchmark workload: <c>quartiers</c> = the 111 <b>administrative quartiers of Marseille</b>
    /// (geodata/admin/quartiers_marseille_111.geojson, 74,803 vertices) used as a heavy polygon workload, <b>not QPV</b>;
    /// <c>communes</c> = the 119 communes of the Bouches-du-Rhône; <c>etablissements</c> = the public collèges of the 13.
    /// Every property is a real attribute of those files (nothing invented).
    /// </summary>
    public static TileLayer[] Marseille => MarseilleLayers.Value;

    /// <summary>quartiers = the 37 QPV 2015 of the Lyon metropolis (real QPV perimeters, real attributes).</summary>
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

    private static TileLayer[] BuildMarseille() =>
        [new TileLayer("quartiers", MarseilleAdministrativeQuartiersWorkload()), new TileLayer("communes", Communes13()), new TileLayer("etablissements", Colleges())];

    /// <summary>
    /// The 111 administrative quartiers of Marseille, used as a heavy polygon workload (not QPV): the layer is named
    /// "quartiers" only for encoding. Properties are the file's own: code_qua, nom, num_qua, DEPCO, NOM_CO, and the
    /// collection name ("quartiers-marseille", shared by every feature).
    /// </summary>
    private static TileFeature[] MarseilleAdministrativeQuartiersWorkload() =>
        ReadGeoJson("admin/quartiers_marseille_111.geojson").Select(f => new TileFeature(
            ulong.Parse((string)f.Attributes["code_qua"], CultureInfo.InvariantCulture),
            f.Geometry,
            new Dictionary<string, object>
            {
                ["code"] = (string)f.Attributes["code_qua"],
                ["name"] = (string)f.Attributes["nom"],
                ["num"] = Convert.ToInt64(f.Attributes["num_qua"], CultureInfo.InvariantCulture),
                ["depco"] = (string)f.Attributes["DEPCO"],
                ["arrondissement"] = (string)f.Attributes["NOM_CO"],
                ["geography"] = "quartiers-marseille",
            })).ToArray();

    /// <summary>The communes of the 13 with their own attributes (INSEE code, name).</summary>
    private static TileFeature[] Communes13() =>
        ReadGeoJson("admin/communes_13.geojson").Select(f => new TileFeature(
            ulong.Parse((string)f.Attributes["code"], CultureInfo.InvariantCulture),
            f.Geometry,
            new Dictionary<string, object>
            {
                ["insee"] = (string)f.Attributes["code"],
                ["name"] = (string)f.Attributes["nom"],
            })).ToArray();

    /// <summary>QPV 2015 of the Lyon metropolis with their own attributes (code, name, commune, registered voters as a double).</summary>
    private static TileLayer[] BuildLyon()
    {
        FeatureCollection qpv = ReadGeoJson("qpv2015/qpv2015_metropole_lyon.geojson");
        var q = qpv.Select(f => new TileFeature(
            ulong.Parse(((string)f.Attributes["CODE_QP"])[2..], CultureInfo.InvariantCulture),
            f.Geometry,
            new Dictionary<string, object>
            {
                ["code"] = (string)f.Attributes["CODE_QP"],
                ["name"] = (string)f.Attributes["Nom du QPV"],
                ["communes"] = (string)f.Attributes["Commune"],
                ["inscrits"] = Convert.ToDouble(f.Attributes["Inscrits"], CultureInfo.InvariantCulture),
                ["geography"] = "qpv2015",
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
