using System.Text.Json;
using System.Text.Json.Nodes;
using Geographie.Domain.Contrat;
using Geographie.Import.Contrat;
using Geographie.Import.Shipped;

namespace Geographie.Import.Tests.Contrat;

/// <summary>The scope kinds of the shipped geodata/contrat/projets.json: read as the enum, written with the same spelling.</summary>
public sealed class ContratFilesScopeKindTests
{
    private static readonly string Shipped = Path.Combine(ShippedGeodata.Find(), "contrat");

    [Theory]
    [InlineData("region")]
    [InlineData("Metropole")]
    [InlineData("")]
    public void An_unknown_scope_kind_is_refused_at_import_naming_it(string kind)
    {
        // A test copy of the shipped Contrat files in which only the first projet's scope kind is changed.
        var copy = Directory.CreateTempSubdirectory("geographie-contrat-kind-").FullName;
        try
        {
            foreach (var name in ContratFiles.Names)
            {
                File.Copy(Path.Combine(Shipped, name), Path.Combine(copy, name));
            }
            var projets = JsonNode.Parse(File.ReadAllText(Path.Combine(copy, "projets.json")))!.AsArray();
            projets[0]!["scope"]!["kind"] = kind;
            File.WriteAllText(Path.Combine(copy, "projets.json"), projets.ToJsonString());

            var error = Assert.Throws<InvalidDataException>(() => ContratFiles.Load(copy));

            Assert.Equal($"projets.json at $[0].scope.kind: unknown scope kind '{kind}' (metropole, communes, quartiers)", error.Message);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void Every_shipped_scope_kind_is_written_back_as_it_is_spelled_in_the_file()
    {
        var contrat = ContratFiles.Load(Shipped);
        var spelled = JsonNode.Parse(File.ReadAllText(Path.Combine(Shipped, "projets.json")))!.AsArray()
            .Select(p => (string)p!["scope"]!["kind"]!).ToArray();

        var written = contrat.Projets
            .Select(p => (string)JsonNode.Parse(JsonSerializer.Serialize(p, ContratFiles.Options))!["scope"]!["kind"]!).ToArray();

        Assert.Equal(spelled, written);
        Assert.Equal(spelled, contrat.Projets.Select(p => p.Scope.Kind.Spelling()));
    }
}
