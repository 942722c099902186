namespace Geographie.Domain.Contrat;

/// <summary>One of the 10 défis of the Contrat de ville métropolitain 2024-2030, text as in the seed.</summary>
public sealed record Defi(
    string Id,
    int Number,
    string Slug,
    string Title,
    IReadOnlyList<string> Objectives,
    IReadOnlyList<string> Barometres,
    IReadOnlyList<string> PolitiquesPubliques,
    SeedSource Source);
