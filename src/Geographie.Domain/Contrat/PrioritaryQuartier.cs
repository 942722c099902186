namespace Geographie.Domain.Contrat;

/// <summary>A line of the seed's "géographie prioritaire" table, matched to its register code.</summary>
public sealed record PrioritaryQuartier(
    string SeedName,
    string Commune,
    string InseeCom,
    string Code,
    string RegisterName,
    string MatchRule,
    string? Note = null);
