using Geographie.Domain.Quartiers;

namespace Geographie.Domain.Eligibility;

/// <summary>
/// Counts eligibility answers: per quartier (INSIDE it, NEAR it within the band, UNCERTAIN at its boundary, UNKNOWN with
/// it as the nearest <em>loaded</em> perimeter) and per status; and the UNKNOWN answers per geography whose perimeters
/// are loaded at their point. Not thread-safe: one tally per request, fed in order.
/// </summary>
public sealed class EligibilityTally
{
    private readonly Dictionary<(string Geography, string Code), QuartierCount> _byQuartier = [];
    private readonly Dictionary<string, int> _unknownLoadedHere = new(StringComparer.Ordinal);
    private readonly int[] _byStatus = new int[Enum.GetValues<EligibilityStatus>().Max(s => (int)s) + 1];

    /// <summary>How many answers were counted.</summary>
    public int Total { get; private set; }

    /// <summary>Counts one answer.</summary>
    public void Add(EligibilityResult result)
    {
        Total++;
        _byStatus[(int)result.Status]++;
        foreach (var loaded in result.Status == EligibilityStatus.Unknown ? result.LoadedHere ?? [] : [])
        {
            _unknownLoadedHere[loaded.Code] = _unknownLoadedHere.GetValueOrDefault(loaded.Code) + 1;
        }
        var quartier = result.Status switch
        {
            EligibilityStatus.Inside => result.Quartier,
            EligibilityStatus.Near => result.Nearest,
            EligibilityStatus.Uncertain => result.Quartier ?? result.Nearest,
            EligibilityStatus.Unknown => result.NearestLoaded,
            _ => null,
        };
        if (quartier is null)
        {
            return;
        }

        var key = (quartier.Version, quartier.Code);
        var count = _byQuartier.TryGetValue(key, out var found) ? found : new QuartierCount(quartier, 0, 0, 0);
        _byQuartier[key] = result.Status switch
        {
            EligibilityStatus.Inside => count with { Inside = count.Inside + 1 },
            EligibilityStatus.Near => count with { Near = count.Near + 1 },
            EligibilityStatus.Unknown => count with { UnknownNearestLoaded = count.UnknownNearestLoaded + 1 },
            _ => count with { Uncertain = count.Uncertain + 1 },
        };
    }

    /// <summary>How many answers had <paramref name="status"/>.</summary>
    public int Count(EligibilityStatus status) => _byStatus[(int)status];

    /// <summary>
    /// UNKNOWN answers per geography whose perimeters are loaded at their point (a point may count for several), by
    /// geography code.
    /// </summary>
    public IReadOnlyDictionary<string, int> UnknownLoadedHere => _unknownLoadedHere;

    /// <summary>The quartiers with at least one INSIDE, NEAR, UNCERTAIN or nearest-loaded UNKNOWN answer, by edition then code.</summary>
    public IReadOnlyList<QuartierCount> Quartiers =>
        _byQuartier.Values.OrderBy(c => c.Quartier.Version, StringComparer.Ordinal).ThenBy(c => c.Quartier.Code, StringComparer.Ordinal).ToArray();

    /// <summary>The answers about one quartier.</summary>
    /// <param name="Quartier">The quartier.</param>
    /// <param name="Inside">Points inside it.</param>
    /// <param name="Near">Points outside every QPV whose nearest boundary within the band is this quartier's.</param>
    /// <param name="Uncertain">Points within their position uncertainty of its boundary.</param>
    /// <param name="UnknownNearestLoaded">UNKNOWN points whose nearest loaded perimeter (loaded perimeters only: a
    /// missing one may be nearer) is this quartier's.</param>
    public sealed record QuartierCount(Quartier Quartier, int Inside, int Near, int Uncertain, int UnknownNearestLoaded = 0);
}
