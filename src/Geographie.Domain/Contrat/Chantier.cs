namespace Geographie.Domain.Contrat;

/// <summary>A chantier of the governance work or of the boîte à outils (Cahier 3).</summary>
public sealed record Chantier(
    string Id,
    string Kind,
    string Title,
    IReadOnlyList<string> Travaux,
    IReadOnlyList<string> ChefsDeFile,
    IReadOnlyList<string> Partenaires,
    SeedSource Source,
    IReadOnlyList<string>? ProjetIds = null,
    string? Note = null);
