using System.Text.RegularExpressions;

namespace Geographie.Domain.Geography;

/// <summary>The editions Geographie knows. The catalogue is code, not data: a new décret is a new release.</summary>
public static partial class GeographyVersions
{
    /// <summary>Décret n° 2023-1314: metropolitan France from 2024-01-01, overseas from 2025-01-01; 1,362 + 131 quartiers.</summary>
    public static readonly GeographyVersion Qpv2024 = new(
        "qpv2024",
        "Décret n° 2023-1314 du 28 décembre 2023",
        new DateOnly(2024, 1, 1), null,
        new DateOnly(2025, 1, 1), null,
        1493,
        Qpv2024Code());

    /// <summary>Décret n° 2014-1750: in force until 2023-12-31 in metropolitan France, 2024-12-31 overseas; 1,514 quartiers.</summary>
    public static readonly GeographyVersion Qpv2015 = new(
        "qpv2015",
        "Décret n° 2014-1750 du 30 décembre 2014",
        new DateOnly(2015, 1, 1), new DateOnly(2023, 12, 31),
        new DateOnly(2015, 1, 1), new DateOnly(2024, 12, 31),
        1514,
        Qpv2015Code());

    /// <summary>The default edition when a caller names none.</summary>
    public static GeographyVersion Default => Qpv2024;

    // Searched once per eligibility request that names a code or a date (and by AnswerCounts per answer): a plain loop
    // over an array allocates nothing (a lambda capturing the code would allocate a closure per request).
    internal static readonly GeographyVersion[] Catalogue = [Qpv2024, Qpv2015];

    /// <summary>Every known edition, newest first.</summary>
    public static IReadOnlyList<GeographyVersion> All { get; } = Array.AsReadOnly(Catalogue);

    /// <summary>The edition with that code (case-insensitive), or null. Allocates nothing.</summary>
    public static GeographyVersion? Find(string? code)
    {
        foreach (var version in Catalogue)
        {
            if (string.Equals(version.Code, code, StringComparison.OrdinalIgnoreCase))
            {
                return version;
            }
        }
        return null;
    }

    /// <summary>The edition in force on <paramref name="day"/> for the territory, or null before 2015. Allocates nothing.</summary>
    public static GeographyVersion? InForceOn(DateOnly day, bool overseas)
    {
        foreach (var version in Catalogue)
        {
            if (version.IsInForce(day, overseas))
            {
                return version;
            }
        }
        return null;
    }

    /// <summary>
    /// The one text for a geography code no edition has, in <paramref name="language"/>. <paramref name="shown"/> is the
    /// code as the caller may see it (an edge escapes what it echoes).
    /// </summary>
    public static string UnknownMessage(Texts.Language language, string? shown) =>
        Texts.DomainTexts.Catalogue.Format(language, Texts.DomainText.UnknownGeography, shown, string.Join(", ", All.Select(v => v.Code)));

    /// <summary>The edition a quartier code belongs to, from its shape (QN… is 2024, QP… is 2015), or null.</summary>
    public static GeographyVersion? OfCode(string? code) => All.FirstOrDefault(v => v.IsValidCode(code));

    // QN + département (3 characters: 013, 02A, 971) + 2 digits + a letter.
    [GeneratedRegex("^QN(?:[0-9]{3}|[0-9]{2}[AB])[0-9]{2}[MINC]$")]
    private static partial Regex Qpv2024Code();

    // QP + département (3 characters) + 3 digits.
    [GeneratedRegex("^QP(?:[0-9]{3}|[0-9]{2}[AB])[0-9]{3}$")]
    private static partial Regex Qpv2015Code();
}
