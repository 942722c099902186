using System.Text;

namespace Geographie.Addresses;

/// <summary>
/// Normalises address text into tokens: lower case, accents and ligatures folded (é → e, œ → oe), every
/// character that is not a letter or a digit a separator (so apostrophes, hyphens and commas split words), the
/// usual abbreviations expanded (bd → boulevard, av → avenue, st → saint, ch → chemin, rte → route, imp → impasse,
/// pl → place…), ordinals reduced to their number (1er, premier, 2e, 2ème, deuxième → 1, 2). Thread-safe.
/// </summary>
public static class AddressText
{
    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["bd"] = "boulevard", ["bld"] = "boulevard", ["boul"] = "boulevard", ["blvd"] = "boulevard",
        ["av"] = "avenue", ["ave"] = "avenue", ["st"] = "saint", ["ste"] = "sainte",
        ["ch"] = "chemin", ["che"] = "chemin", ["chem"] = "chemin", ["rte"] = "route", ["imp"] = "impasse",
        ["pl"] = "place", ["r"] = "rue", ["all"] = "allee", ["sq"] = "square", ["fbg"] = "faubourg",
        ["crs"] = "cours", ["pas"] = "passage", ["res"] = "residence", ["lot"] = "lotissement", ["qu"] = "quai",
        ["ham"] = "hameau", ["gal"] = "general", ["gen"] = "general", ["mal"] = "marechal", ["pdt"] = "president",
        ["cdt"] = "commandant", ["lt"] = "lieutenant", ["dr"] = "docteur", ["pte"] = "porte", ["prom"] = "promenade",
        ["esp"] = "esplanade", ["mte"] = "montee", ["tra"] = "traverse", ["vla"] = "villa", ["sen"] = "sentier",
    };

    private static readonly Dictionary<string, string> OrdinalWords = new(StringComparer.Ordinal)
    {
        ["premier"] = "1", ["premiere"] = "1", ["deuxieme"] = "2", ["second"] = "2", ["seconde"] = "2",
        ["troisieme"] = "3", ["quatrieme"] = "4", ["cinquieme"] = "5", ["sixieme"] = "6", ["septieme"] = "7",
        ["huitieme"] = "8", ["neuvieme"] = "9", ["dixieme"] = "10",
    };

    private static readonly string[] OrdinalEndings = ["ere", "er", "eme", "em", "nde", "nd", "e"];

    private static readonly HashSet<string> StopWords =
        new(["de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en", "sur", "sous"], StringComparer.Ordinal);

    /// <summary>The folded words of <paramref name="text"/>, before abbreviations and ordinals are expanded.</summary>
    public static List<string> Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (AppendFolded(word, char.ToLowerInvariant(c)))
            {
                continue;
            }
            if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }
        return words;
    }

    // The service runs with invariant globalization, where Unicode decomposition is not available: the letters of
    // French (and the few others seen in BAN names) are folded by hand. Anything else that is not an ASCII letter
    // or digit separates words.
    private static bool AppendFolded(StringBuilder word, char c)
    {
        if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
        {
            word.Append(c);
            return true;
        }
        var folded = c switch
        {
            'à' or 'â' or 'ä' or 'á' or 'ã' or 'å' => "a",
            'ç' => "c",
            'é' or 'è' or 'ê' or 'ë' => "e",
            'î' or 'ï' or 'í' or 'ì' => "i",
            'ô' or 'ö' or 'ó' or 'ò' or 'õ' => "o",
            'ù' or 'û' or 'ü' or 'ú' => "u",
            'ÿ' or 'ý' => "y",
            'ñ' => "n",
            'œ' => "oe",
            'æ' => "ae",
            _ => null,
        };
        word.Append(folded);
        return folded is not null;
    }

    /// <summary>One folded word in its canonical form: abbreviation expanded, ordinal reduced to its number.</summary>
    public static string Canonical(string word)
    {
        if (Abbreviations.TryGetValue(word, out var expanded))
        {
            return expanded;
        }
        if (OrdinalWords.TryGetValue(word, out var number))
        {
            return number;
        }
        if (word.Length > 1 && char.IsAsciiDigit(word[0]))
        {
            var digits = word.AsSpan().IndexOfAnyExceptInRange('0', '9');
            if (digits > 0 && OrdinalEndings.Contains(word[digits..]))
            {
                return word[..digits];
            }
        }
        return word;
    }

    /// <summary>The canonical tokens of <paramref name="text"/>.</summary>
    public static List<string> Tokens(string? text) => Words(text).Select(Canonical).ToList();

    private static readonly HashSet<string> StreetTypes = new(
        ["rue", "avenue", "boulevard", "chemin", "impasse", "place", "allee", "route", "square", "faubourg", "cours",
         "passage", "quai", "residence", "lotissement", "hameau", "sentier", "villa", "promenade", "esplanade", "montee",
         "traverse", "cite", "cites", "lieu", "dit", "voie", "sente", "ruelle", "carrefour", "rond", "point"], StringComparer.Ordinal);

    /// <summary>
    /// The weight of a word in name similarity: ½ for a street type (rue, avenue, chemin…), which many names share
    /// and so says little about which street is meant; 1 otherwise.
    /// </summary>
    public static double Weight(string token) => StreetTypes.Contains(token) ? 0.5 : 1;

    /// <summary>True for articles and prepositions, which matching ignores unless a name is made of nothing else.</summary>
    public static bool IsStopWord(string token) => StopWords.Contains(token);

    /// <summary>The tokens that carry meaning: stop words removed, unless nothing would be left.</summary>
    public static string[] Significant(IReadOnlyList<string> tokens)
    {
        var significant = tokens.Where(t => !IsStopWord(t)).ToArray();
        return significant.Length > 0 ? significant : tokens.ToArray();
    }

    /// <summary>
    /// The canonical suffix of a house number: <c>b</c>/<c>bis</c> → bis, <c>t</c>/<c>ter</c> → ter,
    /// <c>q</c>/<c>quater</c> → quater, other letters kept as they are; null for none.
    /// </summary>
    public static string? Suffix(string? suffix) => suffix?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "bis" => "bis",
        "ter" => "ter",
        "quater" or "qua" => "quater",
        "quinquies" => "quinquies",
        var other => other,
    };

    /// <summary>The suffix a single letter most often abbreviates (b → bis, t → ter, q → quater), or null.</summary>
    public static string? LetterSuffixMeaning(string suffix) => suffix switch
    {
        "b" => "bis",
        "t" => "ter",
        "q" => "quater",
        "bis" => "b",
        "ter" => "t",
        "quater" => "q",
        _ => null,
    };

    /// <summary>True for a word that is a house-number suffix when it follows the number (not <c>r</c>, which abbreviates rue).</summary>
    public static bool IsSuffixWord(string word) => word is "bis" or "ter" or "quater" or "quinquies" || (word.Length == 1 && char.IsAsciiLetter(word[0]) && word != "r");
}
