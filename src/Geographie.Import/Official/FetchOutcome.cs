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

/// <summary>The result of a fetch, with a message meant for a person.</summary>
public sealed record FetchOutcome(FetchStatus Status, string Message, string? FilePath, string? Sha256);
