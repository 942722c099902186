using System.Text.Json;
using Geographie.Tiles.Tests.Support;

namespace Geographie.Tiles.Tests;

public class TileJsonTests
{
    [Fact]
    public void Builds_a_valid_TileJSON_3_document_with_vector_layers_and_fields()
    {
        TileJsonOptions options = TileJsonOptions.ForDataSet(
            GeoData.MarseilleDataSet,
            "qpv",
            "https://example.test/tiles/qpv/{z}/{x}/{y}.pbf",
            new Dictionary<string, string> { ["quartiers"] = "Quartiers administratifs de Marseille (charge de test)" },
            new Dictionary<string, IReadOnlyDictionary<string, string>> { ["quartiers"] = new Dictionary<string, string> { ["num"] = "numéro du quartier" } })
            with { Attribution = "© ANCT", Version = "1.0.0" };

        using JsonDocument doc = JsonDocument.Parse(TileJson.Build(options));
        JsonElement root = doc.RootElement;
        Assert.Equal("3.0.0", root.GetProperty("tilejson").GetString());
        Assert.Equal("qpv", root.GetProperty("name").GetString());
        Assert.Equal("© ANCT", root.GetProperty("attribution").GetString());
        Assert.Equal("https://example.test/tiles/qpv/{z}/{x}/{y}.pbf", root.GetProperty("tiles")[0].GetString());
        Assert.Equal(0, root.GetProperty("minzoom").GetInt32());
        Assert.Equal(20, root.GetProperty("maxzoom").GetInt32());
        double[] bounds = root.GetProperty("bounds").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(4, bounds.Length);
        Assert.True(bounds[0] < 5.37 && bounds[2] > 5.37 && bounds[1] < 43.3 && bounds[3] > 43.3);
        Assert.Equal(3, root.GetProperty("center").GetArrayLength());

        JsonElement[] layers = root.GetProperty("vector_layers").EnumerateArray().ToArray();
        Assert.Equal(["quartiers", "communes", "etablissements"], layers.Select(l => l.GetProperty("id").GetString()));
        JsonElement fields = layers[0].GetProperty("fields");
        Assert.Equal("String", fields.GetProperty("code").GetString());
        Assert.Equal("Number: numéro du quartier", fields.GetProperty("num").GetString());
        Assert.Equal("Quartiers administratifs de Marseille (charge de test)", layers[0].GetProperty("description").GetString());
        Assert.Equal(["commune", "ep", "name", "uai"], layers[2].GetProperty("fields").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, layers[1].GetProperty("minzoom").GetInt32());
        Assert.Equal(20, layers[1].GetProperty("maxzoom").GetInt32());
    }

    [Fact]
    public void Requires_a_tile_url()
    {
        Assert.Throws<ArgumentException>(() => TileJson.Build(new TileJsonOptions { Name = "x", Tiles = [] }));
    }
}
