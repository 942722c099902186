namespace Geographie.Import.Csv;

/// <summary>
/// Why a CSV row cannot be read, so that an edge can say it in its caller's language (<see cref="CsvRowException"/>
/// carries the limit involved).
/// </summary>
public enum CsvRowFault
{
    /// <summary>The header line is longer than the row limit.</summary>
    HeaderTooLong,
    /// <summary>The header has a quoted field that is not closed.</summary>
    HeaderQuoteOpen,
    /// <summary>A quoted field is not closed before the end of the input.</summary>
    QuoteOpenAtEnd,
    /// <summary>A quoted field is not closed within the row limit.</summary>
    QuoteOpenBeyondRow,
    /// <summary>A line is longer than the row limit; it was skipped.</summary>
    LineTooLong,
    /// <summary>A quoted field is longer than the field limit (a quote left open?).</summary>
    QuotedFieldTooLong,
    /// <summary>A field is longer than the field limit.</summary>
    FieldTooLong,
}
