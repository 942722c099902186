using System.Text;

namespace Geographie.Import.Csv;

/// <summary>
/// Streaming RFC 4180 reader: quoted fields (which may span lines), doubled quotes, CRLF or LF, a UTF-8 BOM,
/// comma or semicolon (detected on the header line). Reads one row at a time, synchronously or asynchronously,
/// so a file or a request body of any length is never held in memory. Not thread-safe.
/// </summary>
public sealed class CsvRowReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly StringBuilder _field = new();
    private bool _quoted;

    private CsvRowReader(TextReader reader, char delimiter)
    {
        _reader = reader;
        Delimiter = delimiter;
    }

    /// <summary>The field separator in use.</summary>
    public char Delimiter { get; }

    /// <summary>1-based line number of the end of the row last returned (the header is line 1).</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// Opens a reader on <paramref name="reader"/> and reads the header line; the delimiter is the one of
    /// ',' and ';' that appears most on that line. The header is null for an empty input.
    /// </summary>
    public static CsvRowReader Open(TextReader reader, out IReadOnlyList<string>? header) =>
        FromHeaderLine(reader, reader.ReadLine(), out header);

    /// <summary>Asynchronous <see cref="Open"/>, for request bodies.</summary>
    public static async Task<(CsvRowReader Reader, IReadOnlyList<string>? Header)> OpenAsync(TextReader reader, CancellationToken cancellationToken)
    {
        var csv = FromHeaderLine(reader, await reader.ReadLineAsync(cancellationToken), out var header);
        return (csv, header);
    }

    /// <summary>Reads the next row, or null at the end. Blank lines are skipped.</summary>
    public IReadOnlyList<string>? ReadRow()
    {
        var fields = new List<string>();
        string? line;
        do
        {
            line = _reader.ReadLine();
        }
        while (line is not null && !Append(line, fields));
        return line is null ? null : fields;
    }

    /// <summary>Asynchronous <see cref="ReadRow"/>.</summary>
    public async ValueTask<IReadOnlyList<string>?> ReadRowAsync(CancellationToken cancellationToken)
    {
        var fields = new List<string>();
        string? line;
        do
        {
            line = await _reader.ReadLineAsync(cancellationToken);
        }
        while (line is not null && !Append(line, fields));
        return line is null ? null : fields;
    }

    private static CsvRowReader FromHeaderLine(TextReader reader, string? first, out IReadOnlyList<string>? header)
    {
        if (first is null)
        {
            header = null;
            return new CsvRowReader(reader, ',');
        }
        first = first.TrimStart('\uFEFF');
        var delimiter = first.Count(c => c == ';') > first.Count(c => c == ',') ? ';' : ',';
        var csv = new CsvRowReader(reader, delimiter);
        var fields = new List<string>();
        csv.Append(first, fields);
        header = fields;
        return csv;
    }

    // Adds one physical line to the row in progress; true when the row is complete. A quoted field left open at
    // the end of the line continues on the next one (RFC 4180 §2.6).
    private bool Append(string line, List<string> fields)
    {
        LineNumber++;
        if (!_quoted && fields.Count == 0 && _field.Length == 0 && line.Length == 0)
        {
            return false;
        }
        if (_quoted)
        {
            _field.Append('\n');
        }
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (_quoted)
            {
                if (c != '"')
                {
                    _field.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
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
                fields.Add(_field.ToString());
                _field.Clear();
            }
            else
            {
                _field.Append(c);
            }
        }
        if (_quoted)
        {
            return false;
        }
        fields.Add(_field.ToString());
        _field.Clear();
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();
}
