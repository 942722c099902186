using Geographie.Domain.Geography;
using Geographie.Domain.Snapshots;
using Geographie.Domain.Texts;

namespace Geographie.Domain.Eligibility;

/// <summary>
/// For UNKNOWN answers: the other geographies whose perimeters are loaded at a point (covering it, or with a boundary
/// within a radius), and a hint naming them. Every set and hint is written once per snapshot (for each subset of its
/// editions, in each language), so answering allocates nothing. Immutable and thread-safe.
/// </summary>
public sealed class LoadedElsewhere
{
    private readonly EditionData[] _editions;
    private readonly GeographyVersion[][] _sets;
    private readonly string?[][] _hints;

    internal LoadedElsewhere(IEnumerable<EditionData> editions)
    {
        // Editions without perimeters can never be named: leaving them out keeps the subsets few.
        _editions = editions.Where(e => e.WithPerimeter.Count > 0).ToArray();
        var subsets = 1 << _editions.Length;
        _sets = new GeographyVersion[subsets][];
        _hints = Enum.GetValues<Language>().Select(_ => new string?[subsets]).ToArray();
        for (var mask = 0; mask < subsets; mask++)
        {
            _sets[mask] = _editions.Where((_, i) => (mask & (1 << i)) != 0).Select(e => e.Version).ToArray();
            foreach (var language in Enum.GetValues<Language>())
            {
                _hints[(int)language][mask] = mask == 0 ? null
                    : DomainTexts.Catalogue.Format(language, DomainText.LoadedElsewhere, string.Join(", ", _sets[mask].Select(v => v.Code)));
            }
        }
    }

    /// <summary>
    /// The set of geographies other than <paramref name="asked"/> whose perimeters cover the point or come within
    /// <paramref name="radiusM"/> metres of it, as a key for <see cref="Versions"/> and <see cref="Hint"/>.
    /// </summary>
    public int Find(GeographyVersion asked, double lon, double lat, double radiusM)
    {
        Span<int> hits = stackalloc int[1];
        var mask = 0;
        for (var i = 0; i < _editions.Length; i++)
        {
            var index = _editions[i].Perimeters;
            if (_editions[i].Version.Code != asked.Code
                && (index.FindCovering(lon, lat, hits) > 0 || index.TryFindNearestBoundary(lon, lat, radiusM, out _, out _)))
            {
                mask |= 1 << i;
            }
        }
        return mask;
    }

    /// <summary>The geographies of a set found by <see cref="Find"/> (empty for none).</summary>
    public IReadOnlyList<GeographyVersion> Versions(int set) => _sets[set];

    /// <summary>The hint naming them in <paramref name="language"/>, or null for none.</summary>
    public string? Hint(int set, Language language) => _hints[(int)language][set];
}
