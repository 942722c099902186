namespace Geographie.Domain.Contrat;

/// <summary>A délibération or convention: decision reference, date, amounts, beneficiary and territory.</summary>
public sealed record Deliberation(
    string Id,
    string Kind,
    string? Reference,
    DateOnly? Date,
    string? Instance,
    string Title,
    string Summary,
    IReadOnlyList<string> Decision,
    IReadOnlyList<Deliberation.Amount> Amounts,
    string? Beneficiary,
    Territory Territory,
    IReadOnlyList<string> ProjetIds,
    SeedSource Source,
    IReadOnlyList<string>? RelatedReferences = null,
    string? Note = null,
    DateOnly? EndDate = null,
    IReadOnlyList<string>? Parties = null)
{
    /// <summary>An amount in euros and what it pays for, as the seed words it.</summary>
    public sealed record Amount(decimal AmountEur, string Purpose, string? Budget = null);
}
