using System.Text;
using Geographie.Addresses;
using Geographie.Api.Addresses;
using Geographie.Domain.Eligibility;
using Geographie.Import.Csv;

namespace Geographie.Api.Http;

/// <summary>
/// The lines of a CSV batch answer (see <see cref="CsvBatch"/>) written as UTF-8 bytes into a buffer of its own, which
/// the caller sends on and clears whenever <see cref="Full"/>: no string per line, no encoder between the row and the
/// response. Lines end with <c>\n</c>. Not thread-safe: one writer per answer.
/// </summary>
/// <param name="dialect">The dialect of the answer.</param>
/// <param name="inputColumns">How many columns the input's header has (echoed first on every line).</param>
/// <param name="withAddress">Whether the answer has the address columns (<see cref="AddressColumns"/>).</param>
internal sealed class CsvAnswerWriter(CsvDialect dialect, int inputColumns, bool withAddress)
{
    /// <summary>The columns added to the input's.</summary>
    public static readonly IReadOnlyList<string> AddedColumns =
    [
        "status", "reason", "geography", "quartier_code", "quartier_name", "distance_m", "nearest_code",
        "nearest_loaded_code", "nearest_loaded_distance_m", "loaded_geographies", "hint",
    ];

    /// <summary>The columns added after <see cref="AddedColumns"/> when the batch geocodes addresses.</summary>
    public static readonly IReadOnlyList<string> AddressColumns = ["result_label", "result_id", "result_score", "result_type", "result_lon", "result_lat"];

    // Sent on below the large-object heap's threshold, so the buffer stays small and is never grown but by one huge row.
    private const int FullBytes = 32 * 1024;

    // A snapshot holds a few texts per quartier; the bound only guards against texts made per row.
    private const int MaxKept = 1 << 16;

    // Each text of the snapshot (reason, quartier name, hint) escaped and encoded once per answer rather than once per
    // row: most rows repeat a few of them.
    private readonly Dictionary<string, byte[]> _escaped = new(ReferenceEqualityComparer.Instance);
    private readonly byte _delimiter = (byte)dialect.Delimiter;
    private byte[] _bytes = new byte[2 * FullBytes];
    private int _length;

    /// <summary>The bytes written since the last <see cref="Clear"/>.</summary>
    public ReadOnlyMemory<byte> Written => _bytes.AsMemory(0, _length);

    /// <summary>Whether the bytes written should be sent on (and the writer cleared) before more lines are written.</summary>
    public bool Full => _length >= FullBytes;

    /// <summary>Forgets the bytes written (once they are sent).</summary>
    public void Clear() => _length = 0;

    /// <summary>The header line: the byte order mark when the dialect has one, the input's columns, then the added ones.</summary>
    public void Header(IReadOnlyList<string> header)
    {
        if (dialect.ByteOrderMark)
        {
            Bytes(Encoding.UTF8.Preamble);
        }
        var added = withAddress ? AddedColumns.Concat(AddressColumns) : AddedColumns;
        Text(string.Join(dialect.Delimiter, header.Concat(added).Select(dialect.Escape)));
        Bytes("\n"u8);
    }

    /// <summary>
    /// One answer line: the input's <paramref name="fields"/> (empty when null, or beyond the row's width), then
    /// <paramref name="result"/> with <paramref name="status"/> in place of its own when given (the final <c>ERROR</c>
    /// line), then the address <paramref name="located"/> when the answer has address columns.
    /// </summary>
    public void Row(IReadOnlyList<string>? fields, in EligibilityResult result, AddressAnswer? located, string? status = null)
    {
        for (var i = 0; i < inputColumns; i++)
        {
            Text(dialect.Escape(fields is not null && i < fields.Count ? fields[i] : string.Empty));
            Delimiter();
        }
        Text(status ?? result.Status.Wire());
        Delimiter();
        // An INVALID reason is written for its row only (it names the row): not kept.
        if (result.Status == EligibilityStatus.Invalid)
        {
            Text(dialect.Escape(result.Reason));
        }
        else
        {
            Kept(result.Reason);
        }
        Delimiter();
        Text(result.Geography?.Code);
        Delimiter();
        Text(result.Quartier?.Code);
        Delimiter();
        Kept(result.Quartier?.Name);
        Delimiter();
        Metres(result.DistanceM);
        Delimiter();
        Text(result.Quartier is null ? result.Nearest?.Code : null);
        Delimiter();
        Text(result.NearestLoaded?.Code);
        Delimiter();
        Metres(result.NearestLoadedM);
        Delimiter();
        if (result.LoadedHere is { } loadedHere)
        {
            Text(string.Join(' ', loadedHere.Select(v => v.Code)));
        }
        Delimiter();
        Kept(result.Hint);
        if (withAddress)
        {
            Address(located);
        }
        Bytes("\n"u8);
    }

    private void Address(AddressAnswer? located)
    {
        var m = AddressStep.Matched(located);
        Delimiter();
        Text(dialect.Escape(m?.Label));
        Delimiter();
        Text(dialect.Escape(m?.Id));
        Delimiter();
        Text(m is null ? null : dialect.Number(m.Score, "0.####"));
        Delimiter();
        Text(m?.MatchType);
        Delimiter();
        Text(m is null ? null : dialect.Number(m.Lon, "R"));
        Delimiter();
        Text(m is null ? null : dialect.Number(m.Lat, "R"));
    }

    private void Kept(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }
        if (!_escaped.TryGetValue(text, out var escaped))
        {
            escaped = Encoding.UTF8.GetBytes(dialect.Escape(text));
            if (_escaped.Count < MaxKept)
            {
                _escaped.Add(text, escaped);
            }
        }
        Bytes(escaped);
    }

    private void Metres(double? metres)
    {
        if (metres is { } value)
        {
            Ensure(CsvDialect.MaxMetresBytes);
            _length += dialect.FormatMetres(value, _bytes.AsSpan(_length));
        }
    }

    private void Text(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
            _length += Encoding.UTF8.GetBytes(text, _bytes.AsSpan(_length));
        }
    }

    private void Delimiter()
    {
        Ensure(1);
        _bytes[_length++] = _delimiter;
    }

    private void Bytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Ensure(int more)
    {
        if (_length + more > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(2 * _bytes.Length, _length + more));
        }
    }
}
