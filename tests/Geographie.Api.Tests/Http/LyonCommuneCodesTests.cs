using System.Net.Http.Json;
using System.Text.Json;
using Geographie.Import.Files;
using Geographie.Testing;

namespace Geographie.Api.Tests.Http;

/// <summary>
/// The 2015 Lyon perimeters name their communes without INSEE codes ("Lyon 8e Arrondissement", "Bron,Vaulx-en-Velin"):
/// after load-shipped each carries its code, in the database of record and on every route that reads it. The expected
/// codes come from the shipped files themselves: the communes_69 outline of that name (which drops a leading article), or
/// the COG numbering of Lyon's arrondissements (69380 + n).
/// </summary>
public sealed class LyonCommuneCodesTests(GeographieApp app) : IClassFixture<GeographieApp>
{
    private static readonly Dictionary<string, string> OutlineCodes = GeoJsonFeatureReader.Read(Geodata.Path("admin/communes_69.geojson")).Features
        .ToDictionary(f => f.Attribute("nom")!, f => f.Attribute("code")!, StringComparer.Ordinal);

    // Each 2015 quartier with the codes of the communes its file names, in the file's order.
    private static readonly (string Code, string[] Names, string[] Insees)[] Quartiers = GeoJsonFeatureReader
        .Read(Geodata.Path("qpv2015/qpv2015_metropole_lyon.geojson")).Features
        .Select(f =>
        {
            var names = f.Attribute("Commune")!.Split(',', StringSplitOptions.TrimEntries);
            return (f.Attribute("CODE_QP")!, names, names.Select(Expected).ToArray());
        })
        .ToArray();

    private static string Expected(string name)
    {
        if (name.StartsWith("Lyon ", StringComparison.Ordinal) && name.EndsWith("e Arrondissement", StringComparison.Ordinal))
        {
            return (69380 + int.Parse(name["Lyon ".Length..name.IndexOf('e', "Lyon ".Length)], System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        // The IGN outlines drop the article the 2015 file keeps ("Mulatière" for "La Mulatière").
        var outline = OutlineCodes.ContainsKey(name) ? name : name.Replace("La ", string.Empty, StringComparison.Ordinal);
        Assert.True(OutlineCodes.ContainsKey(outline), $"no outline named {name} in communes_69");
        return OutlineCodes[outline];
    }

    private async Task<string[]> Codes(string query) =>
        (await app.Client.GetFromJsonAsync<JsonElement[]>(query))!.Select(q => q.GetProperty("code").GetString()!).Order(StringComparer.Ordinal).ToArray();

    private static string[] Having(Func<string, bool> insee) =>
        Quartiers.Where(q => q.Insees.Any(insee)).Select(q => q.Code).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Every_2015_commune_is_stored_and_answered_with_its_INSEE_code()
    {
        Assert.Contains(Quartiers, q => q.Insees.Contains("69388"));
        Assert.Contains(Quartiers, q => q.Insees.Length == 2);

        await using var command = app.Database.DataSource.CreateCommand(
            "SELECT code, array_agg(insee ORDER BY position) FROM quartier_commune WHERE version = 'qpv2015' GROUP BY code");
        await using var reader = await command.ExecuteReaderAsync();
        var stored = new Dictionary<string, string?[]>();
        while (await reader.ReadAsync())
        {
            stored[reader.GetString(0)] = reader.GetFieldValue<string?[]>(1);
        }
        Assert.Equal(Quartiers.Length, stored.Count);
        foreach (var (code, _, insees) in Quartiers)
        {
            Assert.Equal(insees, stored[code]);
            var detail = await app.Client.GetFromJsonAsync<JsonElement>($"/v1/quartiers/{code}?geography=qpv2015");
            Assert.Equal(insees, detail.GetProperty("communes").EnumerateArray().Select(c => c.GetProperty("insee").GetString()).ToArray());
        }
    }

    [Fact]
    public async Task Quartiers_of_a_commune_are_found_by_its_code_its_name_or_its_city()
    {
        Assert.Equal(Having(i => i == "69388"), await Codes("/v1/quartiers?geography=qpv2015&commune=69388&limit=100"));
        Assert.Equal(Having(i => i == "69388"), await Codes("/v1/quartiers?geography=qpv2015&commune=lyon%208e%20arrondissement&limit=100"));
        var lyon = Having(i => i.StartsWith("6938", StringComparison.Ordinal));
        Assert.True(lyon.Length > Having(i => i == "69388").Length);
        Assert.Equal(lyon, await Codes("/v1/quartiers?geography=qpv2015&commune=69123&limit=100"));
        Assert.Equal(lyon, await Codes("/v1/quartiers?geography=qpv2015&commune=Lyon&limit=100"));
        Assert.Equal(Having(i => i == "69266"), await Codes("/v1/quartiers?geography=qpv2015&commune=69266&limit=100"));
        Assert.Equal(Having(i => i == "69256"), await Codes("/v1/quartiers?geography=qpv2015&commune=vaulx-en-velin&limit=100"));
    }

    [Fact]
    public async Task OGC_features_carry_the_codes_and_the_insee_filter_finds_them()
    {
        async Task<JsonElement[]> Features(string query) =>
            (await app.Client.GetFromJsonAsync<JsonElement>($"/ogc/collections/qpv2015/items?limit=100{query}")).GetProperty("features").EnumerateArray().ToArray();

        var all = await Features("");
        Assert.Equal(Quartiers.Length, all.Length);
        var byCode = Quartiers.ToDictionary(q => q.Code, q => string.Join("; ", q.Insees));
        Assert.All(all, f => Assert.Equal(byCode[f.GetProperty("id").GetString()!], f.GetProperty("properties").GetProperty("insee").GetString()));

        string[] Ids(JsonElement[] features) => features.Select(f => f.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Having(i => i == "69266"), Ids(await Features("&insee=69266")));
        Assert.Equal(Having(i => i == "69388"), Ids(await Features("&insee=69388")));
        Assert.Equal(Having(i => i.StartsWith("6938", StringComparison.Ordinal)), Ids(await Features("&insee=69123")));
    }

    [Fact]
    public async Task The_commune_outline_of_Lyon_counts_the_quartiers_of_its_arrondissements()
    {
        var lyon = await app.Client.GetFromJsonAsync<JsonElement>("/ogc/collections/communes/items/69123");
        Assert.Equal(Having(i => i.StartsWith("6938", StringComparison.Ordinal)).Length, lyon.GetProperty("properties").GetProperty("qpv2015").GetInt32());
    }
}
