namespace Geographie.Domain.Contrat;

/// <summary>A commune that left the priority geography but keeps a convention communale (Gardanne, La Ciotat).</summary>
public sealed record TerritoireAEnjeux(string Commune, string InseeCom, IReadOnlyList<string> Quartiers, string Note, SeedSource Source);
