using System.Globalization;

namespace Geographie.Storage.Imports;

/// <summary>
/// How much of what is stored an import may remove. A file that lacks rows the edition holds removes them, which is
/// right for a newer official edition and a data loss for a truncated or wrong file: beyond
/// <see cref="MaxRemovedShare"/> of the stored rows the import is refused, naming what it would remove, unless the
/// operator replaces the edition whole (<see cref="ReplaceAll"/>) or the file covers every register code of its
/// edition. An empty file is always refused. Immutable.
/// </summary>
/// <param name="MaxRemovedShare">The largest share (0–1) of the stored perimeters or register rows one import may remove.</param>
/// <param name="ReplaceAll">The operator accepts any removal (<c>--replace-all</c>), or the file is a verified official edition.</param>
public sealed record ImportSafeguard(double MaxRemovedShare, bool ReplaceAll)
{
    /// <summary>The share removed without asking: a newer edition redraws or drops a few quartiers, not a tenth.</summary>
    public const double DefaultMaxRemovedShare = 0.10;

    /// <summary>Up to <see cref="DefaultMaxRemovedShare"/> removed, no replace-all.</summary>
    public static ImportSafeguard Default { get; } = new(DefaultMaxRemovedShare, ReplaceAll: false);

    /// <summary>Any removal accepted: the operator's <c>--replace-all</c>, or an official archive that passed its count check.</summary>
    public static ImportSafeguard ReplacingAll { get; } = new(DefaultMaxRemovedShare, ReplaceAll: true);

    private const int NamedInMessage = 20;

    /// <summary>
    /// Why removing <paramref name="removed"/> of the <paramref name="stored"/> rows described by <paramref name="what"/>
    /// is refused, or null when it is allowed (nothing removed, within the share, replace-all, or a file that covers
    /// its whole register: <paramref name="coversRegister"/>).
    /// </summary>
    public string? Refusal(string what, int stored, IReadOnlyList<string> removed, bool coversRegister)
    {
        if (removed.Count == 0 || ReplaceAll || coversRegister || removed.Count <= stored * MaxRemovedShare)
        {
            return null;
        }
        var share = stored == 0 ? 1 : (double)removed.Count / stored;
        var named = string.Join(", ", removed.Take(NamedInMessage)) + (removed.Count > NamedInMessage ? $", … ({removed.Count - NamedInMessage} more)" : "");
        const string Remedy = "Nothing was written. If the file is right, import it again with --replace-all (or a larger --max-removed-share).";
        return string.Create(CultureInfo.InvariantCulture,
            $"the file would remove {removed.Count} of the {stored} {what} stored ({share:P0}, more than the {MaxRemovedShare:P0} allowed): {named}. {Remedy}");
    }
}
