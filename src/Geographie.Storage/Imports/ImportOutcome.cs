namespace Geographie.Storage.Imports;

/// <summary>What an import did.</summary>
public enum ImportStatus
{
    /// <summary>The data changed and a new revision was published.</summary>
    Applied,
    /// <summary>The file matched what was stored: nothing changed.</summary>
    Unchanged,
    /// <summary>The file was refused; the stored data is untouched.</summary>
    Refused,
}

/// <summary>
/// The result of one import, as recorded in <c>import_audit</c>: counts, repairs made and, when refused,
/// every problem with the feature's position and code, and what an applied import removed (code and name).
/// </summary>
public sealed record ImportOutcome(
    ImportStatus Status,
    string Kind,
    string? Edition,
    string FileName,
    string Sha256,
    int FeatureCount,
    int ChangedCount,
    IReadOnlyList<string> Repairs,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Removed)
{
    /// <summary>A human summary, one line plus one line per problem or repair.</summary>
    public string Describe()
    {
        var what = Edition is null ? $"{Kind} from {FileName}" : $"{Kind} {Edition} from {FileName}";
        var head = Status switch
        {
            ImportStatus.Applied => $"{what}: imported {FeatureCount} records, {ChangedCount} changes.",
            ImportStatus.Unchanged => $"{what}: unchanged, the database already holds this data ({FeatureCount} records, sha256 {Sha256[..12]}…).",
            _ => $"{what}: REFUSED, nothing was written ({Problems.Count} problem(s)).",
        };
        return string.Join(Environment.NewLine,
            new[] { head }.Concat(Repairs.Select(r => "  repaired " + r)).Concat(Removed.Select(r => "  removed " + r))
                .Concat(Problems.Select(p => "  " + p)));
    }
}
