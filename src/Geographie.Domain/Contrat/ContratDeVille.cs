using Geographie.Domain.Geography;
using Geographie.Domain.Quartiers;

namespace Geographie.Domain.Contrat;

/// <summary>
/// The Contrat de ville métropolitain Aix-Marseille-Provence 2024-2030 as data, and who it reaches. Immutable,
/// thread-safe. The Contrat is written on the 2024 geography: quartiers of other editions are reached by nothing.
/// </summary>
public sealed class ContratDeVille
{
    private readonly HashSet<string> _metropole;

    /// <summary>Assembles the Contrat; <see cref="ContratValidator"/> checks the parts beforehand.</summary>
    public ContratDeVille(
        IReadOnlyList<Defi> defis,
        IReadOnlyList<Orientation> orientations,
        IReadOnlyList<Projet> projets,
        IReadOnlyList<Chantier> chantiers,
        IReadOnlyList<Deliberation> deliberations,
        Territoires territoires)
    {
        Defis = defis;
        Orientations = orientations;
        Projets = projets;
        Chantiers = chantiers;
        Deliberations = deliberations;
        Territoires = territoires;
        _metropole = territoires.Quartiers.Select(q => q.Code).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>An empty Contrat, before the data is loaded.</summary>
    public static ContratDeVille Empty { get; } = new([], [], [], [], [], new Territoires([], [], new SeedSource("", "")));

    public IReadOnlyList<Defi> Defis { get; }
    public IReadOnlyList<Orientation> Orientations { get; }
    public IReadOnlyList<Projet> Projets { get; }
    public IReadOnlyList<Chantier> Chantiers { get; }
    public IReadOnlyList<Deliberation> Deliberations { get; }
    public Territoires Territoires { get; }

    /// <summary>True when the quartier is one of the Métropole's QPV (2024 geography).</summary>
    public bool IsInMetropole(Quartier quartier) =>
        quartier.Version == GeographyVersions.Qpv2024.Code && _metropole.Contains(quartier.Code);

    /// <summary>The projets whose scope reaches <paramref name="quartier"/>, in id order.</summary>
    public IEnumerable<Projet> ProjetsReaching(Quartier quartier) =>
        IsInMetropole(quartier) ? Projets.Where(p => Reaches(p.Scope, quartier)) : [];

    /// <summary>
    /// The défis that apply to <paramref name="quartier"/>: those linked to the projets reaching it, each with the
    /// projets that carry the link. Every such link is editorial (see <see cref="DefiLink"/>).
    /// </summary>
    public IEnumerable<(Defi Defi, IReadOnlyList<(Projet Projet, DefiLink Link)> Via)> DefisOf(Quartier quartier)
    {
        var links = ProjetsReaching(quartier)
            .SelectMany(p => p.Defis.Select(l => (Projet: p, Link: l)))
            .ToLookup(x => x.Link.DefiId, StringComparer.Ordinal);
        return Defis.Where(d => links.Contains(d.Id))
            .Select(d => (d, (IReadOnlyList<(Projet, DefiLink)>)links[d.Id].Select(x => (x.Projet, x.Link)).ToArray()));
    }

    /// <summary>Délibérations naming the quartier, or one of its communes.</summary>
    public IEnumerable<Deliberation> DeliberationsReaching(Quartier quartier) =>
        !IsInMetropole(quartier) ? [] : Deliberations.Where(d =>
            d.Territory.Quartiers.Contains(quartier.Code)
            || quartier.Communes.Any(c => c.Insee is not null && d.Territory.Communes.Contains(c.Insee) && d.Territory.Quartiers.Count == 0));

    private bool Reaches(ProjetScope scope, Quartier quartier) => scope.Kind switch
    {
        ProjetScopeKind.Metropole => true,
        ProjetScopeKind.Communes => quartier.Communes.Any(c => c.Insee is not null && scope.Communes.Contains(c.Insee)),
        _ => scope.Quartiers.Contains(quartier.Code),
    };
}
