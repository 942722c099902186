namespace Geographie.Domain.Contrat;

/// <summary>
/// Where a projet applies: <c>metropole</c> (all quartiers of the Métropole), <c>communes</c> (the quartiers of the
/// listed INSEE communes) or <c>quartiers</c> (listed QPV codes). <see cref="Basis"/> quotes the seed.
/// </summary>
public sealed record ProjetScope(
    string Kind,
    IReadOnlyList<string> Communes,
    IReadOnlyList<string> Quartiers,
    string Basis,
    SeedSource Source)
{
    /// <summary>The three kinds a scope may have.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["metropole", "communes", "quartiers"];
}
