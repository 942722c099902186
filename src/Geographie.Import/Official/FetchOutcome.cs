namespace Geographie.Import.Official;

/// <summary>What <see cref="OfficialArchiveFetcher"/> found.</summary>
public enum FetchStatus
{
    /// <summary>Downloaded and verified: <see cref="FetchOutcome.FilePath"/> is ready to import.</summary>
    Verified,
    /// <summary>No network path to the source: the official perimeters stay absent.</summary>
    Offline,
    /// <summary>Something was downloaded but failed verification: nothing must be imported.</summary>
    Rejected,
}

/// <summary>
/// The result of a fetch, with a message meant for a person. When <see cref="FetchStatus.Verified"/>, <see cref="File"/>
/// holds the features read to verify it, so the import need not parse the file again.
/// </summary>
public sealed record FetchOutcome(FetchStatus Status, string Message, string? FilePath, string? Sha256)
{
    /// <summary>The verified file as read, or null unless <see cref="FetchStatus.Verified"/>.</summary>
    public Files.SourceFile? File { get; init; }
}
