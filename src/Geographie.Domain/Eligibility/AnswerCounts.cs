using Geographie.Domain.Geography;

namespace Geographie.Domain.Eligibility;

/// <summary>
/// Running totals of eligibility answers by status and edition since the process started, read by metrics.
/// Thread-safe; counting costs one interlocked add per answer, and each total sits on its own cache line so that
/// cores answering different statuses do not contend.
/// </summary>
public sealed class AnswerCounts
{
    private const int Stride = 8; // 8 longs = one 64-byte cache line per total
    private static readonly EligibilityStatus[] Statuses = Enum.GetValues<EligibilityStatus>();

    // The catalogue as an array: the slot of every answer is found in it, without an interface call per entry.
    private static GeographyVersion[] Editions => GeographyVersions.Catalogue;
    private readonly long[] _totals = new long[(Statuses.Length + 1) * (Editions.Length + 1) * Stride];

    /// <summary>Counts one answer; <paramref name="edition"/> is null for answers given before an edition was chosen (INVALID).</summary>
    public void Add(EligibilityStatus status, GeographyVersion? edition) => Interlocked.Increment(ref _totals[Slot(status, edition)]);

    /// <summary>
    /// Counts <paramref name="answers"/>, tallied on the stack first and added once per status and edition: a share of
    /// a batch adds a handful of totals whatever its size.
    /// </summary>
    public void Add(ReadOnlySpan<EligibilityResult> answers)
    {
        Span<long> tally = stackalloc long[_totals.Length / Stride];
        foreach (var answer in answers)
        {
            tally[Slot(answer.Status, answer.Geography) / Stride]++;
        }
        for (var slot = 0; slot < tally.Length; slot++)
        {
            if (tally[slot] > 0)
            {
                Interlocked.Add(ref _totals[slot * Stride], tally[slot]);
            }
        }
    }

    /// <summary>The answers of <paramref name="status"/> in <paramref name="edition"/> so far.</summary>
    public long Total(EligibilityStatus status, GeographyVersion? edition) => Interlocked.Read(ref _totals[Slot(status, edition)]);

    private static int Slot(EligibilityStatus status, GeographyVersion? edition)
    {
        var editionIndex = edition is null ? Editions.Length : IndexOf(edition);
        return (((int)status * (Editions.Length + 1)) + editionIndex) * Stride;
    }

    private static int IndexOf(GeographyVersion edition)
    {
        for (var i = 0; i < Editions.Length; i++)
        {
            if (ReferenceEquals(Editions[i], edition))
            {
                return i;
            }
        }
        return Editions.Length;
    }
}
