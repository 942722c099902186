using Geographie.Domain.Quartiers;

namespace Geographie.Domain.Tests.Quartiers;

/// <summary>Codes given to communes named without one, as the 2015 files name them (names and codes of the shipped outlines).</summary>
public sealed class CommuneResolverTests
{
    private static readonly CommuneResolver Resolver = new(
    [
        new Commune("69266", "Villeurbanne", "69", null),
        new Commune("69256", "Vaulx-en-Velin", "69", null),
        new Commune("69123", "Lyon", "69", null),
        new Commune("69142", "Mulatière", "69", null),
        // Two communes of one département under one name (a test-only homonym of a real name): neither code is given.
        new Commune("69029", "Bron", "69", null),
        new Commune("69999", "Bron", "69", null),
    ]);

    [Theory]
    [InlineData("Lyon 8e Arrondissement", "69388")]
    [InlineData("lyon 1er arrondissement", "69381")]
    [InlineData("Paris 20e Arrondissement", "75120")]
    [InlineData("Marseille 16e Arrondissement", "13216")]
    [InlineData("Marseille 13ème Arrondissement", "13213")]
    [InlineData("Lyon 10e Arrondissement", null)]
    [InlineData("Lyon", null)]
    [InlineData("Villeurbanne", null)]
    public void An_arrondissement_gets_the_COG_code(string name, string? expected) =>
        Assert.Equal(expected, CommuneResolver.ArrondissementCode(name));

    [Theory]
    [InlineData("69388", "69123")]
    [InlineData("13201", "13055")]
    [InlineData("75101", "75056")]
    [InlineData("69123", null)]
    [InlineData("69390", null)]
    [InlineData("abc", null)]
    public void An_arrondissement_belongs_to_its_city(string insee, string? city) => Assert.Equal(city, CommuneResolver.CityOf(insee));

    [Fact]
    public void Names_are_resolved_in_the_departement_without_case_or_accents_and_homonyms_stay_without_code()
    {
        var resolved = Resolver.Resolve("69", [new CommuneRef(null, "VAULX-EN-VELIN"), new CommuneRef(null, "Lyon 8e Arrondissement"), new CommuneRef(null, "Bron"), new CommuneRef(null, "La Mulatière")]);
        Assert.Equal(["69256", "69388", null, "69142"], resolved.Select(c => c.Insee));
        Assert.Equal(["VAULX-EN-VELIN", "Lyon 8e Arrondissement", "Bron", "La Mulatière"], resolved.Select(c => c.Name));
        Assert.Null(Resolver.InseeOf("13", "Villeurbanne"));
        Assert.Equal("13055", Resolver.Resolve("13", [new CommuneRef("13055", "Marseille")]).Single().Insee);
    }
}
