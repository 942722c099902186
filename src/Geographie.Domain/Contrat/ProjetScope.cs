namespace Geographie.Domain.Contrat;

/// <summary>
/// Where a projet applies (<see cref="ProjetScopeKind"/>), with the communes or quartiers it lists.
/// <see cref="Basis"/> quotes the seed.
/// </summary>
public sealed record ProjetScope(
    ProjetScopeKind Kind,
    IReadOnlyList<string> Communes,
    IReadOnlyList<string> Quartiers,
    string Basis,
    SeedSource Source);
