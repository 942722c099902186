namespace Geographie.Import.Csv;

/// <summary>
/// One CSV row that cannot be read: a quoted field never closed, a field or a line beyond <see cref="CsvLimits"/>.
/// The reader that threw it stays usable: the next read resumes on the physical line after the row's first line,
/// so the rows a broken quote would have swallowed are read as rows of their own.
/// </summary>
public sealed class CsvRowException : FormatException
{
    /// <summary>Creates the exception for the row that starts on <paramref name="lineNumber"/>.</summary>
    /// <param name="lineNumber">The row's first physical line.</param>
    /// <param name="fault">What is wrong.</param>
    /// <param name="limit">The limit in characters the fault is about (0 when none is).</param>
    public CsvRowException(long lineNumber, CsvRowFault fault, int limit = 0)
        : this(lineNumber, fault, limit, Describe(fault, limit))
    {
    }

    private CsvRowException(long lineNumber, CsvRowFault fault, int limit, string problem)
        : base($"line {lineNumber}: {problem}")
    {
        LineNumber = lineNumber;
        Fault = fault;
        Limit = limit;
        Problem = problem;
    }

    /// <summary>What is wrong, for an edge to say in its caller's language.</summary>
    public CsvRowFault Fault { get; }

    /// <summary>The limit in characters <see cref="Fault"/> is about, or 0.</summary>
    public int Limit { get; }

    /// <summary>1-based physical line on which the broken row starts (the header is line 1).</summary>
    public long LineNumber { get; }

    /// <summary>What is wrong, in English (the import commands' language), without the line number.</summary>
    public string Problem { get; }

    private static string Describe(CsvRowFault fault, int limit) => fault switch
    {
        CsvRowFault.HeaderTooLong => $"the header is longer than {limit} characters",
        CsvRowFault.HeaderQuoteOpen => "the header has a quoted field that is not closed",
        CsvRowFault.QuoteOpenAtEnd => "a quoted field is not closed before the end of the input",
        CsvRowFault.QuoteOpenBeyondRow => $"a quoted field is not closed within {limit} characters",
        CsvRowFault.LineTooLong => $"the line is longer than {limit} characters; it was skipped",
        CsvRowFault.QuotedFieldTooLong => $"a quoted field is longer than {limit} characters (is a quote left open?)",
        _ => $"a field is longer than {limit} characters",
    };
}
