using System.Text.Json.Nodes;
using Geographie.Import.Projection;
using Geographie.Testing;

namespace Geographie.Storage.Tests.Imports;

/// <summary>Variants of the real 2015 Lyon perimeters, made in a temporary folder for one test.</summary>
internal static class LyonFiles
{
    public static string Original => Geodata.Path("qpv2015/qpv2015_metropole_lyon.geojson");

    public static JsonObject Load() => JsonNode.Parse(File.ReadAllText(Original))!.AsObject();

    public static string Save(JsonObject collection, string name)
    {
        var directory = Directory.CreateTempSubdirectory("geographie-test-");
        var path = Path.Combine(directory.FullName, name);
        File.WriteAllText(path, collection.ToJsonString());
        return path;
    }

    /// <summary>The same perimeters reprojected to Lambert-93 with ProjNET, declared with a legacy crs member.</summary>
    public static string Lambert93Twin()
    {
        var collection = Load();
        var transform = Lambert93.FromWgs84();
        foreach (var feature in collection["features"]!.AsArray())
        {
            Reproject(feature!["geometry"]!["coordinates"]!, transform);
        }
        collection["crs"] = JsonNode.Parse("""{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::2154"}}""");
        return Save(collection, "qpv2015_lyon_lambert93.geojson");
    }

    private static void Reproject(JsonNode coordinates, ProjNet.CoordinateSystems.Transformations.MathTransform transform)
    {
        var array = coordinates.AsArray();
        if (array.Count > 0 && array[0] is JsonValue)
        {
            var (x, y) = transform.Transform(array[0]!.GetValue<double>(), array[1]!.GetValue<double>());
            array[0] = x;
            array[1] = y;
            return;
        }
        foreach (var child in array)
        {
            Reproject(child!, transform);
        }
    }

}
