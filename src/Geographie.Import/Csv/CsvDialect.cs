using System.Globalization;
using System.Text;

namespace Geographie.Import.Csv;

/// <summary>
/// How a CSV answer is written: separator, decimal mark and byte order mark. Three dialects, each with the name a
/// caller gives in <c>?format=</c>: <see cref="Comma"/> (<c>csv</c>), <see cref="ExcelFrench"/> (<c>csv-excel-fr</c>)
/// and <see cref="Tab"/> (<c>tsv</c>). Immutable.
/// </summary>
/// <param name="Name">The name in <c>?format=</c>.</param>
/// <param name="Delimiter">The field separator.</param>
/// <param name="DecimalComma">Numbers are written with a decimal comma (<c>12,5</c>).</param>
/// <param name="ByteOrderMark">The answer starts with a UTF-8 byte order mark, which Excel needs to read UTF-8.</param>
public sealed record CsvDialect(string Name, char Delimiter, bool DecimalComma, bool ByteOrderMark)
{
    /// <summary>RFC 4180: comma, decimal point, UTF-8 without BOM.</summary>
    public static CsvDialect Comma { get; } = new("csv", ',', false, false);

    /// <summary>What French Excel opens right with a double click: semicolon, decimal comma, UTF-8 with BOM.</summary>
    public static CsvDialect ExcelFrench { get; } = new("csv-excel-fr", ';', true, true);

    /// <summary>Tab-separated values: tab, decimal point, UTF-8 without BOM.</summary>
    public static CsvDialect Tab { get; } = new("tsv", '\t', false, false);

    /// <summary>Every dialect, in the order they are documented.</summary>
    public static IReadOnlyList<CsvDialect> All { get; } = [Comma, ExcelFrench, Tab];

    /// <summary>The dialect named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static CsvDialect? Named(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The dialect that answers an input read with <paramref name="delimiter"/>: ';' is Excel FR's, tab is TSV.</summary>
    public static CsvDialect Mirroring(char delimiter) => delimiter switch
    {
        ';' => ExcelFrench,
        '\t' => Tab,
        _ => Comma,
    };

    /// <summary>The media type of an answer in this dialect, always UTF-8.</summary>
    public string MediaType => Delimiter == '\t' ? "text/tab-separated-values; charset=utf-8" : "text/csv; charset=utf-8";

    /// <summary>The file extension of an answer in this dialect, without the dot.</summary>
    public string Extension => Delimiter == '\t' ? "tsv" : "csv";

    /// <summary>The encoding of an answer: UTF-8, with a BOM when <see cref="ByteOrderMark"/>.</summary>
    public Encoding Encoding => new UTF8Encoding(ByteOrderMark);

    /// <summary><paramref name="value"/> written with <paramref name="format"/> and this dialect's decimal mark.</summary>
    public string Number(double value, string format)
    {
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        return DecimalComma ? text.Replace('.', ',') : text;
    }

    /// <summary>The most bytes <see cref="FormatMetres"/> writes: <c>"0.###"</c> of the largest <see cref="double"/>.</summary>
    public const int MaxMetresBytes = 320;

    /// <summary>
    /// Writes <paramref name="metres"/> into <paramref name="utf8"/> (at least <see cref="MaxMetresBytes"/> long) as
    /// <c>Number(metres, "0.###")</c> writes them, in ASCII, without a string per number, and returns how many bytes: a whole number of millimetres
    /// (every distance of an answer, rounded so) is written from its digits, anything else by the runtime's formatting.
    /// </summary>
    public int FormatMetres(double metres, Span<byte> utf8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(utf8.Length, MaxMetresBytes, nameof(utf8));
        var millimetres = Math.Round(metres * 1000);
        if (double.IsNegative(metres) || millimetres >= 1e15 || millimetres / 1000 != metres)
        {
            metres.TryFormat(utf8, out var formatted, "0.###", CultureInfo.InvariantCulture);
            if (DecimalComma)
            {
                utf8[..formatted].Replace((byte)'.', (byte)',');
            }
            return formatted;
        }
        var whole = (long)millimetres;
        (whole / 1000).TryFormat(utf8, out var written, default, CultureInfo.InvariantCulture);
        var fraction = (int)(whole % 1000);
        if (fraction == 0)
        {
            return written;
        }
        utf8[written] = DecimalComma ? (byte)',' : (byte)'.';
        utf8[written + 1] = (byte)('0' + fraction / 100);
        utf8[written + 2] = (byte)('0' + fraction / 10 % 10);
        utf8[written + 3] = (byte)('0' + fraction % 10);
        return written + 1 + (fraction % 10 != 0 ? 3 : fraction / 10 % 10 != 0 ? 2 : 1);
    }

    /// <summary>One field as it must be written in this dialect (see <see cref="CsvText.Escape"/>).</summary>
    public string Escape(string? value) => CsvText.Escape(value, Delimiter);
}
