using Geographie.Domain.Contrat;
using Geographie.Domain.Geography;

namespace Geographie.Domain.Tests.Contrat;

/// <summary>The shipped Contrat de ville (geodata/contrat) against the shipped register and communes.</summary>
public sealed class ContratDeVilleTests
{
    private static ContratDeVille Contrat => ShippedSnapshot.Value.Contrat;

    private static ISet<string> Codes => ShippedSnapshot.Value.Edition(GeographyVersions.Qpv2024).Quartiers.Select(q => q.Code).ToHashSet();

    private static ISet<string> Communes => ShippedSnapshot.Value.Communes.Select(c => c.Insee).ToHashSet();

    [Fact]
    public void The_shipped_Contrat_has_no_problem()
    {
        Assert.NotEmpty(Contrat.Projets);
        Assert.Empty(ContratValidator.Problems(Contrat, Codes, Communes));
    }

    [Fact]
    public void A_projet_with_an_unknown_orientation_is_named()
    {
        var projet = Contrat.Projets[0];
        var broken = projet with { OrientationId = "orientation-99" };
        var contrat = new ContratDeVille(Contrat.Defis, Contrat.Orientations, [broken, .. Contrat.Projets.Skip(1)],
            Contrat.Chantiers, Contrat.Deliberations, Contrat.Territoires);

        var problems = ContratValidator.Problems(contrat, Codes, Communes);

        Assert.Contains($"{projet.Id}: unknown orientation 'orientation-99'", problems);
    }

    [Fact]
    public void A_projet_scoped_to_communes_reaches_the_metropole_quartiers_of_those_communes_only()
    {
        var edition = ShippedSnapshot.Value.Edition(GeographyVersions.Qpv2024);
        var scoped = Contrat.Projets.First(p => p.Scope.Kind == ProjetScopeKind.Communes);
        bool InScope(Domain.Quartiers.Quartier q) => q.Communes.Any(c => c.Insee is not null && scoped.Scope.Communes.Contains(c.Insee));
        var metropole = edition.Quartiers.Where(Contrat.IsInMetropole).ToArray();

        Assert.Contains(metropole, InScope);
        Assert.Contains(metropole, q => !InScope(q));
        Assert.All(metropole, q => Assert.Equal(InScope(q), Contrat.ProjetsReaching(q).Contains(scoped)));
    }
}
