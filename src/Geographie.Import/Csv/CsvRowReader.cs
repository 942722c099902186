using System.Text;

namespace Geographie.Import.Csv;

/// <summary>
/// Streaming RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF, a UTF-8 BOM, comma or semicolon
/// (detected on the header line). Reads one row at a time, so a file of any length is never held in memory.
/// Not thread-safe.
/// </summary>
public sealed class CsvRowReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly StringBuilder _field = new();

    private CsvRowReader(TextReader reader, char delimiter)
    {
        _reader = reader;
        Delimiter = delimiter;
    }

    /// <summary>The field separator in use.</summary>
    public char Delimiter { get; }

    /// <summary>1-based line number of the row last returned (the header is line 1).</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// Opens a reader on <paramref name="reader"/> and reads the header line; the delimiter is the one of
    /// ',' and ';' that appears most on that line. Returns null header for an empty input.
    /// </summary>
    public static CsvRowReader Open(TextReader reader, out IReadOnlyList<string>? header)
    {
        var first = reader.ReadLine();
        if (first is null)
        {
            header = null;
            return new CsvRowReader(reader, ',');
        }
        first = first.TrimStart('\uFEFF');
        var delimiter = first.Count(c => c == ';') > first.Count(c => c == ',') ? ';' : ',';
        var csv = new CsvRowReader(reader, delimiter) { LineNumber = 1 };
        header = csv.SplitLine(first, null);
        return csv;
    }

    /// <summary>Reads the next row, or null at the end. Blank lines are skipped.</summary>
    public IReadOnlyList<string>? ReadRow()
    {
        while (true)
        {
            var line = _reader.ReadLine();
            if (line is null)
            {
                return null;
            }
            LineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            return SplitLine(line, _reader);
        }
    }

    private List<string> SplitLine(string line, TextReader? continuation)
    {
        var fields = new List<string>();
        _field.Clear();
        var quoted = false;
        var i = 0;
        while (true)
        {
            if (i == line.Length)
            {
                if (quoted && continuation?.ReadLine() is { } next)
                {
                    // A quoted field may hold a line break: RFC 4180 §2.6.
                    LineNumber++;
                    _field.Append('\n');
                    line = next;
                    i = 0;
                    continue;
                }
                fields.Add(_field.ToString());
                return fields;
            }
            var c = line[i++];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i < line.Length && line[i] == '"')
                    {
                        _field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    _field.Append(c);
                }
            }
            else if (c == '"' && _field.Length == 0)
            {
                quoted = true;
            }
            else if (c == Delimiter)
            {
                fields.Add(_field.ToString());
                _field.Clear();
            }
            else
            {
                _field.Append(c);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();
}
