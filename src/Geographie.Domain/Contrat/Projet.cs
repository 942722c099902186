namespace Geographie.Domain.Contrat;

/// <summary>A projet de coopération of Cahier 3: who, what, where (its scope), and the défis it serves.</summary>
public sealed record Projet(
    string Id,
    string Title,
    string? TableTitle,
    string OrientationId,
    IReadOnlyList<string> Registres,
    string Presentation,
    IReadOnlyList<string> PartenairesAssocies,
    IReadOnlyList<string> PartenairesMobilises,
    IReadOnlyList<string> IndicateursReussite,
    ProjetScope Scope,
    IReadOnlyList<DefiLink> Defis,
    SeedSource Source,
    SeedSource? TableSource = null,
    string? Note = null);
