namespace Geographie.Domain.Contrat;

/// <summary>
/// A projet ↔ défi link. The seeds never state these: every link is an editorial classification
/// (<see cref="Editorial"/> true) justified by a quote of the seed.
/// </summary>
public sealed record DefiLink(string DefiId, bool Editorial, string Justification);
