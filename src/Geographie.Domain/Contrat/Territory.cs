namespace Geographie.Domain.Contrat;

/// <summary>Communes (INSEE) and quartiers (QPV codes) a record names, with the quote it rests on.</summary>
public sealed record Territory(
    IReadOnlyList<string> Communes,
    IReadOnlyList<string> Quartiers,
    string Basis,
    IReadOnlyList<Territory.PlaceMatch>? Matches = null,
    IReadOnlyList<string>? Unresolved = null)
{
    /// <summary>How a place named in the seed was linked to a register code.</summary>
    public sealed record PlaceMatch(string PlaceName, string Code, string MatchRule, string? Why = null);
}
