namespace Geographie.Domain.Contrat;

/// <summary>The Contrat's territories: the 66 QPV of the Métropole and the territoires à enjeux.</summary>
public sealed record Territoires(
    IReadOnlyList<PrioritaryQuartier> Quartiers,
    IReadOnlyList<TerritoireAEnjeux> TerritoiresAEnjeux,
    SeedSource Source,
    Territoires.RegisterReference? Register = null)
{
    /// <summary>Which register file and filter the 66 codes were checked against.</summary>
    public sealed record RegisterReference(string File, string Filter, int DistinctCodes);
}
