using System.Text;

namespace Geographie.Import.Csv;

/// <summary>
/// Streaming RFC 4180 reader: quoted fields (which may span lines), doubled quotes, CRLF or LF, a UTF-8 BOM,
/// comma, semicolon or tab (detected on the header line). Reads one row at a time, synchronously or asynchronously,
/// so a file or a request body of any length is never held in memory: a row is bounded by <see cref="CsvLimits"/>.
/// A row that cannot be read (a quote never closed, a field or line too long) throws <see cref="CsvRowException"/>
/// and the reader goes on from the line after the row's first line, so one stray quote never swallows the rest of
/// the input. Not thread-safe.
/// </summary>
public sealed class CsvRowReader : IDisposable
{
    // In order of preference on a tie: MaxBy keeps the first of equal counts.
    private static readonly char[] Delimiters = [',', ';', '\t'];

    private readonly TextReader _reader;
    private readonly CsvLimits _limits;
    private readonly char[] _buffer = new char[1 << 14];
    private int _start;
    private int _end;
    private bool _endOfInput;

    // The physical line being assembled across buffer refills; beyond MaxRowChars only its length is kept.
    private readonly StringBuilder _partialLine = new();
    private int _partialLength;
    private long _physicalLines;

    // Lines of a broken row to read again, the next one on top.
    private readonly Stack<Line> _replay = new();

    // The row in progress.
    private readonly List<string> _fields = [];
    private readonly List<Line> _rowLines = [];
    private readonly StringBuilder _field = new();
    private int _rowChars;
    private bool _quoted;

    private CsvRowReader(TextReader reader, CsvLimits limits)
    {
        _reader = reader;
        _limits = limits;
    }

    /// <summary>The field separator in use.</summary>
    public char Delimiter { get; private set; } = ',';

    /// <summary>1-based line number of the end of the row last returned (the header is line 1).</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// Opens a reader on <paramref name="reader"/> and reads the header line; the delimiter is the one of
    /// ',', ';' and tab that appears most on that line (',' on a tie). The header is null for an empty input.
    /// Throws <see cref="CsvRowException"/> when the header line itself cannot be read.
    /// </summary>
    public static CsvRowReader Open(TextReader reader, out IReadOnlyList<string>? header, CsvLimits? limits = null)
    {
        var csv = new CsvRowReader(reader, limits ?? CsvLimits.Default);
        Line line;
        while (!csv.TryTakeLine(out line))
        {
            csv.Fill();
        }
        header = csv.ReadHeader(line);
        return csv;
    }

    /// <summary>Asynchronous <see cref="Open"/>, for request bodies.</summary>
    public static async Task<(CsvRowReader Reader, IReadOnlyList<string>? Header)> OpenAsync(
        TextReader reader, CancellationToken cancellationToken, CsvLimits? limits = null)
    {
        var csv = new CsvRowReader(reader, limits ?? CsvLimits.Default);
        Line line;
        while (!csv.TryTakeLine(out line))
        {
            await csv.FillAsync(cancellationToken);
        }
        return (csv, csv.ReadHeader(line));
    }

    /// <summary>Reads the next row, or null at the end. Blank lines are skipped.</summary>
    public IReadOnlyList<string>? ReadRow()
    {
        while (true)
        {
            Line line;
            while (!TryTakeLine(out line))
            {
                Fill();
            }
            if (Step(line) is var done && done.Finished)
            {
                return done.Row;
            }
        }
    }

    /// <summary>Asynchronous <see cref="ReadRow"/>.</summary>
    public async ValueTask<IReadOnlyList<string>?> ReadRowAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Line line;
            while (!TryTakeLine(out line))
            {
                await FillAsync(cancellationToken);
            }
            if (Step(line) is var done && done.Finished)
            {
                return done.Row;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();

    private IReadOnlyList<string>? ReadHeader(Line line)
    {
        if (line.Text is null)
        {
            return null;
        }
        if (line.TooLong)
        {
            throw new CsvRowException(line.Number, CsvRowFault.HeaderTooLong, _limits.MaxRowChars);
        }
        var text = line.Text.TrimStart('\uFEFF');
        if (text.Length == 0)
        {
            return [string.Empty];
        }
        Delimiter = Delimiters.MaxBy(d => text.Count(c => c == d));
        var done = Step(line with { Text = text });
        if (!done.Finished || done.Row is null)
        {
            Reset();
            throw new CsvRowException(line.Number, CsvRowFault.HeaderQuoteOpen);
        }
        return done.Row;
    }

    // Feeds one physical line to the row in progress: finished with the row, finished with null at the end of the
    // input, or not finished (blank line, or a quoted field continuing on the next line).
    private (bool Finished, IReadOnlyList<string>? Row) Step(Line line)
    {
        var inRow = _rowLines.Count > 0;
        if (line.Text is null)
        {
            return inRow ? throw Break(CsvRowFault.QuoteOpenAtEnd, 0, null) : (true, null);
        }
        if (line.TooLong)
        {
            return inRow
                ? throw Break(CsvRowFault.QuoteOpenBeyondRow, _limits.MaxRowChars, line)
                : throw new CsvRowException(line.Number, CsvRowFault.LineTooLong, _limits.MaxRowChars);
        }
        if (!inRow && line.Text.Length == 0)
        {
            return (false, null);
        }
        _rowLines.Add(line);
        _rowChars += line.Text.Length;
        if (_rowChars > _limits.MaxRowChars)
        {
            throw Break(CsvRowFault.QuoteOpenBeyondRow, _limits.MaxRowChars, null);
        }
        if (_quoted)
        {
            _field.Append('\n');
        }
        var text = line.Text;
        if (!inRow && !text.Contains('"') && Plain(text) is { } plain)
        {
            LineNumber = line.Number;
            Reset();
            return (true, plain);
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (_quoted)
            {
                if (c != '"')
                {
                    _field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    _field.Append('"');
                    i++;
                }
                else
                {
                    _quoted = false;
                }
            }
            else if (c == '"' && _field.Length == 0)
            {
                _quoted = true;
            }
            else if (c == Delimiter)
            {
                _fields.Add(_field.ToString());
                _field.Clear();
            }
            else
            {
                _field.Append(c);
            }
            if (_field.Length > _limits.MaxFieldChars)
            {
                throw Break(_quoted ? CsvRowFault.QuotedFieldTooLong : CsvRowFault.FieldTooLong, _limits.MaxFieldChars, null);
            }
        }
        if (_quoted)
        {
            return (false, null);
        }
        _fields.Add(_field.ToString());
        var row = _fields.ToArray();
        LineNumber = line.Number;
        Reset();
        return (true, row);
    }

    // A row without quotes is its text cut at the delimiters, most rows of a batch: cut at once rather than char by char.
    // Null when a field is too long, which the char-by-char reading then reports as it always has.
    private string[]? Plain(string text)
    {
        var row = new string[text.AsSpan().Count(Delimiter) + 1];
        var start = 0;
        for (var f = 0; f < row.Length; f++)
        {
            var end = f == row.Length - 1 ? text.Length : text.IndexOf(Delimiter, start);
            if (end - start > _limits.MaxFieldChars)
            {
                return null;
            }
            row[f] = text[start..end];
            start = end + 1;
        }
        return row;
    }

    // Gives up the row in progress: its lines after the first (and the current one, when it was not added) are read
    // again as rows of their own, so a stray quote costs one row, not the rest of the input.
    private CsvRowException Break(CsvRowFault fault, int limit, Line? current)
    {
        var first = _rowLines[0].Number;
        if (current is { } pending)
        {
            _replay.Push(pending);
        }
        for (var i = _rowLines.Count - 1; i >= 1; i--)
        {
            _replay.Push(_rowLines[i]);
        }
        LineNumber = first;
        Reset();
        return new CsvRowException(first, fault, limit);
    }

    private void Reset()
    {
        _fields.Clear();
        _rowLines.Clear();
        _field.Clear();
        _rowChars = 0;
        _quoted = false;
    }

    // The next physical line (without its CR LF); false when the buffer must be refilled first. A line longer than
    // MaxRowChars comes back TooLong with no text kept; the end of the input comes back with null text.
    private bool TryTakeLine(out Line line)
    {
        if (_replay.TryPop(out line))
        {
            return true;
        }
        var span = _buffer.AsSpan(_start, _end - _start);
        var newline = span.IndexOf('\n');
        if (newline < 0 && !_endOfInput)
        {
            Accumulate(span);
            _start = _end;
            return false;
        }
        if (newline < 0 && _partialLength == 0)
        {
            line = new Line(null, _physicalLines + 1, false);
            return true;
        }
        var piece = newline < 0 ? span : span[..newline];
        _start += newline < 0 ? piece.Length : newline + 1;
        var number = ++_physicalLines;
        if (_partialLength == 0 && piece.Length <= _limits.MaxRowChars)
        {
            line = new Line(TrimCarriageReturn(piece).ToString(), number, false);
            return true;
        }
        Accumulate(piece);
        var tooLong = _partialLength > _limits.MaxRowChars;
        line = new Line(tooLong ? string.Empty : TrimCarriageReturn(_partialLine.ToString()), number, tooLong);
        _partialLine.Clear();
        _partialLength = 0;
        return true;
    }

    private void Accumulate(ReadOnlySpan<char> piece)
    {
        _partialLength = (int)Math.Min(int.MaxValue, (long)_partialLength + piece.Length);
        if (_partialLength <= _limits.MaxRowChars)
        {
            _partialLine.Append(piece);
        }
        else
        {
            _partialLine.Clear();
        }
    }

    private static ReadOnlySpan<char> TrimCarriageReturn(ReadOnlySpan<char> text) =>
        text.Length > 0 && text[^1] == '\r' ? text[..^1] : text;

    private static string TrimCarriageReturn(string text) => text.Length > 0 && text[^1] == '\r' ? text[..^1] : text;

    private void Fill()
    {
        _start = 0;
        _end = _reader.Read(_buffer, 0, _buffer.Length);
        _endOfInput = _end == 0;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await _reader.ReadAsync(_buffer.AsMemory(), cancellationToken);
        _endOfInput = _end == 0;
    }

    private readonly record struct Line(string? Text, long Number, bool TooLong);
}
