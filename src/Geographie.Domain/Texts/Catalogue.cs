using System.Globalization;
using System.Text.RegularExpressions;

namespace Geographie.Domain.Texts;

/// <summary>
/// The texts of one set of message ids (an enum), one composite format string per id and language, with numbered
/// placeholders ({0}, {1}…) for what varies. Numbers are rendered with the invariant culture, so that a value quoted
/// back reads the same in every language. Immutable and thread-safe.
/// </summary>
/// <typeparam name="TId">The message ids.</typeparam>
public sealed partial class Catalogue<TId> where TId : struct, Enum
{
    private readonly IReadOnlyDictionary<Language, IReadOnlyDictionary<TId, string>> _templates;

    /// <summary>Creates the catalogue from each language's templates; completeness is checked by <see cref="Gaps"/>.</summary>
    public Catalogue(IReadOnlyDictionary<TId, string> french, IReadOnlyDictionary<TId, string> english) =>
        _templates = new Dictionary<Language, IReadOnlyDictionary<TId, string>> { [Language.French] = french, [Language.English] = english };

    /// <summary>The text of <paramref name="id"/> in <paramref name="language"/> with <paramref name="args"/> in its placeholders.</summary>
    /// <exception cref="KeyNotFoundException">When the language has no text for the id (see <see cref="Gaps"/>).</exception>
    public string Format(Language language, TId id, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, _templates[language][id], args);

    /// <summary>
    /// What is wrong with the catalogue: an id without a text in a language, or whose texts do not use the same
    /// placeholders in every language. Empty for a complete catalogue.
    /// </summary>
    public IReadOnlyList<string> Gaps()
    {
        var gaps = new List<string>();
        foreach (var id in Enum.GetValues<TId>())
        {
            HashSet<string>? placeholders = null;
            foreach (var language in Enum.GetValues<Language>())
            {
                if (!_templates[language].TryGetValue(id, out var template) || string.IsNullOrWhiteSpace(template))
                {
                    gaps.Add($"{id} has no {language} text");
                    continue;
                }
                var used = Placeholder().Matches(template).Select(m => m.Groups[1].Value).ToHashSet();
                if (placeholders is null)
                {
                    placeholders = used;
                }
                else if (!placeholders.SetEquals(used))
                {
                    gaps.Add($"{id} uses other placeholders in {language}");
                }
            }
        }
        return gaps;
    }

    [GeneratedRegex(@"\{(\d+)[^}]*\}")]
    private static partial Regex Placeholder();
}
