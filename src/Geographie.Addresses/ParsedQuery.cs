using System.Globalization;

namespace Geographie.Addresses;

/// <summary>
/// An <see cref="AddressQuery"/> taken apart: the house number and suffix (the structured <c>numero</c>, else the
/// number that starts the free text), the postcode (the structured one, else a five-digit word of the text), the
/// street-and-commune words of the text, the structured street and commune words. Internal to matching.
/// </summary>
internal sealed class ParsedQuery
{
    public int Number { get; private init; }
    public string? Suffix { get; private init; }
    public string? Postcode { get; private init; }
    public string? CityCode { get; private init; }
    public List<string> TextTokens { get; private init; } = [];
    public List<string> StreetTokens { get; private init; } = [];
    public List<string> CityTokens { get; private init; } = [];

    /// <summary>Parses <paramref name="query"/>, or returns why it cannot be used.</summary>
    public static AddressProblem? TryParse(AddressQuery query, out ParsedQuery parsed)
    {
        parsed = new ParsedQuery();
        var words = AddressText.Words(query.Text);
        string? postcode = null;
        if (!string.IsNullOrWhiteSpace(query.Postcode))
        {
            postcode = query.Postcode.Trim();
            if (postcode.Length != 5 || !postcode.All(char.IsAsciiDigit))
            {
                return new AddressProblem(AddressFault.PostcodeMalformed, postcode);
            }
        }
        var postcodeAt = words.FindIndex(w => w.Length == 5 && w.All(char.IsAsciiDigit));
        if (postcodeAt >= 0)
        {
            postcode ??= words[postcodeAt];
            words.RemoveAt(postcodeAt);
        }
        int number = 0;
        string? suffix = null;
        if (!string.IsNullOrWhiteSpace(query.Number))
        {
            var numberWords = AddressText.Words(query.Number);
            if (!TryTakeNumber(numberWords, out number, out suffix) || numberWords.Count > 0)
            {
                return new AddressProblem(AddressFault.NumberMalformed, query.Number);
            }
        }
        else
        {
            TryTakeNumber(words, out number, out suffix);
        }
        var cityCode = string.IsNullOrWhiteSpace(query.CityCode) ? null : query.CityCode.Trim().ToUpperInvariant();
        if (cityCode is not null && (cityCode.Length != 5 || !cityCode.All(char.IsAsciiLetterOrDigit)))
        {
            return new AddressProblem(AddressFault.CityCodeMalformed, query.CityCode);
        }
        parsed = new ParsedQuery
        {
            Number = number,
            Suffix = suffix,
            Postcode = postcode,
            CityCode = cityCode,
            TextTokens = words.Select(AddressText.Canonical).ToList(),
            StreetTokens = AddressText.Tokens(query.Street),
            CityTokens = AddressText.Tokens(query.City),
        };
        return null;
    }

    // A leading "12", "12bis", "12 bis", "12b" or "12 b" (a lone "r" after the number is rue, never a suffix).
    private static bool TryTakeNumber(List<string> words, out int number, out string? suffix)
    {
        number = 0;
        suffix = null;
        if (words.Count == 0 || !char.IsAsciiDigit(words[0][0]))
        {
            return false;
        }
        var first = words[0];
        var digits = first.AsSpan().IndexOfAnyExceptInRange('0', '9');
        var numberPart = digits < 0 ? first : first[..digits];
        var rest = digits < 0 ? null : first[digits..];
        if (numberPart.Length > 5 || (rest is not null && !AddressText.IsSuffixWord(rest))
            || !int.TryParse(numberPart, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number == 0)
        {
            number = 0;
            return false;
        }
        words.RemoveAt(0);
        if (rest is null && words.Count > 0 && AddressText.IsSuffixWord(words[0]))
        {
            rest = words[0];
            words.RemoveAt(0);
        }
        suffix = AddressText.Suffix(rest);
        return true;
    }

}
