using System.Globalization;
using System.Text.RegularExpressions;
using Geographie.Domain.Texts;

namespace Geographie.Domain.Quartiers;

/// <summary>
/// Gives an INSEE code to a commune a source names without one (the 2015 perimeter files name communes only):
/// the commune of that name among those known in the quartier's département (any case, with or without accents or a
/// leading article: the shipped IGN outlines write "Mulatière" where the COG and the 2015 file write "La Mulatière"; a
/// name two communes of the département bear is left without code), else a municipal arrondissement of Paris, Marseille or Lyon by the COG's numbering ("Lyon 8e
/// Arrondissement" is 69388, "Marseille 13e Arrondissement" 13213, "Paris 20e Arrondissement" 75120). Immutable and
/// thread-safe.
/// </summary>
public sealed partial class CommuneResolver
{
    // The COG numbers a city's arrondissements from a base code (Lyon 8e = 69380 + 8) and attaches them to the city.
    private static readonly Dictionary<string, (int Base, int Count, string City)> Cities = new(StringComparer.Ordinal)
    {
        ["paris"] = (75100, 20, "75056"),
        ["marseille"] = (13200, 16, "13055"),
        ["lyon"] = (69380, 9, "69123"),
    };

    private readonly Dictionary<string, string?> _byName;

    /// <summary>Knows the names of <paramref name="communes"/>, each in its département.</summary>
    public CommuneResolver(IEnumerable<Commune> communes) =>
        _byName = communes
            .GroupBy(c => Key(c.Departement, c.Name), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(c => c.Insee).Distinct(StringComparer.Ordinal).Count() == 1 ? g.First().Insee : null, StringComparer.Ordinal);

    /// <summary>
    /// The INSEE code of the commune named <paramref name="name"/> in <paramref name="departement"/>, or null when none
    /// or several bear it there.
    /// </summary>
    public string? InseeOf(string departement, string name) =>
        _byName.GetValueOrDefault(Key(departement, name)) ?? ArrondissementCode(name);

    /// <summary>
    /// The communes of <paramref name="quartier"/> with a code given to each that had none and whose name is known in
    /// its département; the quartier itself when there is nothing to give.
    /// </summary>
    public Quartier Resolve(Quartier quartier) =>
        quartier.Communes.All(c => c.Insee is not null)
            ? quartier
            : quartier with { Communes = Resolve(quartier.Departement, quartier.Communes) };

    /// <summary><paramref name="communes"/> of a quartier of <paramref name="departement"/>, with the codes that can be given.</summary>
    public IReadOnlyList<CommuneRef> Resolve(string departement, IReadOnlyList<CommuneRef> communes) =>
        communes.Select(c => c.Insee is null && InseeOf(departement, c.Name) is { } insee ? c with { Insee = insee } : c).ToArray();

    private static string Key(string departement, string name) =>
        $"{departement}|{LeadingArticle().Replace(TextFolding.Fold(name.Trim()), string.Empty)}";

    [GeneratedRegex(@"^(?:la |le |les |l')")]
    private static partial Regex LeadingArticle();

    /// <summary>
    /// The INSEE code of a municipal arrondissement named as the COG names it ("Lyon 8e Arrondissement", "Paris 1er
    /// Arrondissement"; any case, accents optional), or null for any other name.
    /// </summary>
    public static string? ArrondissementCode(string name)
    {
        var match = ArrondissementName().Match(TextFolding.Fold(name.Trim()));
        if (!match.Success || !Cities.TryGetValue(match.Groups["city"].Value, out var city))
        {
            return null;
        }
        var number = int.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture);
        return number >= 1 && number <= city.Count ? (city.Base + number).ToString(CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The commune a municipal arrondissement belongs to (69388 → 69123 Lyon), or null for any other code.</summary>
    public static string? CityOf(string insee) =>
        Cities.Values.FirstOrDefault(c => int.TryParse(insee, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            && code > c.Base && code <= c.Base + c.Count).City;

    [GeneratedRegex(@"^(?<city>paris|marseille|lyon)\s+(?<number>\d{1,2})\s*(?:e|er|eme)?\s+arrondissement$")]
    private static partial Regex ArrondissementName();
}
