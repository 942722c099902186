namespace Geographie.Import.Csv;

/// <summary>
/// One CSV row that cannot be read: a quoted field never closed, a field or a line beyond <see cref="CsvLimits"/>.
/// The reader that threw it stays usable: the next read resumes on the physical line after the row's first line,
/// so the rows a broken quote would have swallowed are read as rows of their own.
/// </summary>
public sealed class CsvRowException : FormatException
{
    /// <summary>Creates the exception for the row that starts on <paramref name="lineNumber"/>.</summary>
    public CsvRowException(long lineNumber, string problem)
        : base($"line {lineNumber}: {problem}")
    {
        LineNumber = lineNumber;
        Problem = problem;
    }

    /// <summary>1-based physical line on which the broken row starts (the header is line 1).</summary>
    public long LineNumber { get; }

    /// <summary>What is wrong, without the line number.</summary>
    public string Problem { get; }
}
