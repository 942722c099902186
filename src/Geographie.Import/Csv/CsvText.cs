namespace Geographie.Import.Csv;

/// <summary>Writing side of RFC 4180: quotes a field only when it must.</summary>
public static class CsvText
{
    /// <summary>The field as it must be written between <paramref name="delimiter"/>s.</summary>
    public static string Escape(string? value, char delimiter)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }
        var mustQuote = value.IndexOfAny([delimiter, '"', '\n', '\r']) >= 0;
        return mustQuote ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
