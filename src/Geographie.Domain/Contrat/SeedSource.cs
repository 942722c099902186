namespace Geographie.Domain.Contrat;

/// <summary>Where a record comes from: the seed document's file name and the heading of its section.</summary>
public sealed record SeedSource(string File, string Section)
{
    /// <summary>True when both parts are filled.</summary>
    public bool IsComplete => !string.IsNullOrWhiteSpace(File) && !string.IsNullOrWhiteSpace(Section);
}
