using System.Globalization;
using System.Text;
using Geographie.Domain.Eligibility;
using Geographie.Domain.Snapshots;
using Geographie.Import.Csv;

namespace Geographie.Api.Http;

/// <summary>
/// CSV in, CSV out, streamed row by row: the input columns (header <c>id,lon,lat</c> or <c>id,x,y</c>, comma or
/// semicolon, UTF-8 with or without BOM; optional <c>geography, date, near_distance_m, position_uncertainty_m</c>
/// columns) followed by <c>status, reason, geography, quartier_code, quartier_name, distance_m, nearest_code</c>.
/// Every row sent gets exactly one row back, in order: a bad row, or one the reader cannot read (a quote never
/// closed, a field or row beyond <see cref="CsvLimits"/>), is answered INVALID with its line number and the rest of
/// the body is still answered. When the body cannot be read to its end once answering has begun (cut, stalled below
/// Kestrel's minimum data rate, beyond the size limit), a last row with status <c>ERROR</c> says so, with the count of
/// rows answered: a client never takes a cut answer for a complete one. With a semicolon delimiter, decimal commas are
/// accepted.
/// </summary>
public static class CsvBatch
{
    /// <summary>Status of the final row of an answer whose body could not be read to its end.</summary>
    public const string ErrorStatus = "ERROR";

    private const int ChunkRows = 4096;

    private static readonly string[] AddedColumns = ["status", "reason", "geography", "quartier_code", "quartier_name", "distance_m", "nearest_code"];

    /// <summary>
    /// Answers the CSV body of <paramref name="context"/>, read through a budget of <paramref name="maxBytes"/>;
    /// 400 when the header cannot be read or names no location columns.
    /// </summary>
    public static async Task<IResult> AnswerAsync(
        HttpContext context, GeographySnapshot snapshot, EligibilityChecker checker, BatchDefaults defaults, CsvLimits limits, long maxBytes,
        Action<long> recordRows)
    {
        var cancel = context.RequestAborted;
        var (csv, header, columns, problem) = await OpenAsync(context, limits, maxBytes);
        if (problem is not null)
        {
            return problem;
        }
        using var _ = csv;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/csv; charset=utf-8";
        var output = new StreamWriter(context.Response.Body, new UTF8Encoding(false), bufferSize: 1 << 16);
        var answered = 0L;
        string? failure = null;
        try
        {
            await output.WriteLineAsync(string.Join(csv.Delimiter, header.Concat(AddedColumns).Select(h => CsvText.Escape(h, csv.Delimiter))));
            var line = new StringBuilder(256);
            // Rows are read and written in order, one chunk at a time; the checks of a chunk run on every core.
            failure = await CheckRowsAsync(csv, header, columns, snapshot, checker, defaults, async (fields, result) =>
            {
                await output.WriteLineAsync(Format(line, fields, header.Count, result, csv.Delimiter), cancel);
                answered++;
            }, cancel);
            if (failure is not null)
            {
                var reason = $"the request body could not be read to its end ({failure}); {answered} rows were answered above, the rest was not read";
                await output.WriteLineAsync(Format(line, null, header.Count, EligibilityResult.Invalid(reason), csv.Delimiter, ErrorStatus), cancel);
            }
            await output.FlushAsync(cancel);
            recordRows(answered);
        }
        finally
        {
            await output.DisposeAsync();
        }
        // The answer then ends normally: aborting the connection as well would let a client lose the ERROR row
        // itself (a reset discards what it has not read yet), and that row is what says the answer is incomplete.
        return TypedResults.Empty;
    }

    /// <summary>
    /// Opens the CSV body of <paramref name="context"/> within the batch limits: the reader, its header and location
    /// columns, or the 400 problem when the header cannot be read or names no location columns. Shared by the batch
    /// and its summary.
    /// </summary>
    internal static async Task<(CsvRowReader Csv, IReadOnlyList<string> Header, Columns Columns, IResult? Problem)> OpenAsync(
        HttpContext context, CsvLimits limits, long maxBytes)
    {
        var input = new StreamReader(new LimitedBodyStream(context.Request.Body, maxBytes), Encoding.UTF8,
            detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        CsvRowReader csv;
        IReadOnlyList<string>? header;
        try
        {
            (csv, header) = await CsvRowReader.OpenAsync(input, context.RequestAborted, limits);
        }
        catch (CsvRowException e)
        {
            input.Dispose();
            return (null!, null!, null!, TypedResults.Problem($"The CSV header cannot be read: {e.Message}.",
                statusCode: StatusCodes.Status400BadRequest, title: "The batch is invalid"));
        }
        if ((header is null ? null : Columns.Find(header)) is not { } columns)
        {
            csv.Dispose();
            return (null!, null!, null!, TypedResults.Problem(
                "The CSV header must name the location columns: id,lon,lat (WGS84) or id,x,y (Lambert-93).",
                statusCode: StatusCodes.Status400BadRequest, title: "The batch is invalid"));
        }
        return (csv, header!, columns, null);
    }

    /// <summary>
    /// Answers every row of an opened CSV body in order, one chunk at a time (checks on every core), handing each
    /// answer to <paramref name="answered"/>; returns why the body could not be read to its end, or null.
    /// </summary>
    internal static async Task<string?> CheckRowsAsync(
        CsvRowReader csv, IReadOnlyList<string> header, Columns columns, GeographySnapshot snapshot, EligibilityChecker checker,
        BatchDefaults defaults, Func<IReadOnlyList<string>?, EligibilityResult, Task> answered, CancellationToken cancel)
    {
        var rows = new List<Row>(ChunkRows);
        var results = new EligibilityResult[ChunkRows];
        var more = true;
        string? failure = null;
        while (more)
        {
            (more, failure) = await ReadChunkAsync(csv, rows, cancel);
            Parallel.For(0, rows.Count, new ParallelOptions { CancellationToken = cancel }, i =>
                results[i] = Check(rows[i], header, columns, snapshot, checker, defaults, csv.Delimiter == ';'));
            for (var r = 0; r < rows.Count; r++)
            {
                await answered(rows[r].Fields, results[r]);
            }
        }
        return failure;
    }

    // Reads up to ChunkRows rows; false at the end of the body, with the reason when the body could not be read to its end.
    private static async Task<(bool More, string? Failure)> ReadChunkAsync(CsvRowReader csv, List<Row> rows, CancellationToken cancel)
    {
        rows.Clear();
        try
        {
            while (rows.Count < ChunkRows)
            {
                try
                {
                    if (await csv.ReadRowAsync(cancel) is not { } fields)
                    {
                        return (false, null);
                    }
                    rows.Add(new Row(fields, csv.LineNumber, null));
                }
                catch (CsvRowException broken)
                {
                    rows.Add(new Row(null, broken.LineNumber, broken.Problem));
                }
            }
            return (true, null);
        }
        catch (BadHttpRequestException e)
        {
            return (false, e.Message.TrimEnd('.'));
        }
        catch (IOException e) when (!cancel.IsCancellationRequested)
        {
            return (false, "the connection failed: " + e.Message.TrimEnd('.'));
        }
    }

    private static EligibilityResult Check(
        Row row, IReadOnlyList<string> header, Columns columns, GeographySnapshot snapshot, EligibilityChecker checker, BatchDefaults defaults, bool commaDecimals) =>
        row.Fields switch
        {
            null => EligibilityResult.Invalid($"line {row.Line}: {row.Broken}"),
            { } fields when fields.Count != header.Count =>
                EligibilityResult.Invalid($"row: {fields.Count} fields where the header has {header.Count} (line {row.Line})"),
            { } fields => defaults.Check(snapshot, checker,
                columns.Get(fields, columns.Lon), columns.Get(fields, columns.Lat), columns.Get(fields, columns.X), columns.Get(fields, columns.Y),
                columns.Get(fields, columns.Geography), columns.Get(fields, columns.Date),
                columns.Get(fields, columns.Near), columns.Get(fields, columns.Uncertainty), commaDecimals),
        };

    private static StringBuilder Format(StringBuilder line, IReadOnlyList<string>? fields, int inputColumns, EligibilityResult result, char delimiter, string? status = null)
    {
        line.Clear();
        for (var i = 0; i < inputColumns; i++)
        {
            line.Append(CsvText.Escape(fields is not null && i < fields.Count ? fields[i] : string.Empty, delimiter)).Append(delimiter);
        }
        return line.Append(status ?? result.Status.Wire()).Append(delimiter)
            .Append(CsvText.Escape(result.Reason, delimiter)).Append(delimiter)
            .Append(result.Geography?.Code).Append(delimiter)
            .Append(result.Quartier?.Code).Append(delimiter)
            .Append(CsvText.Escape(result.Quartier?.Name, delimiter)).Append(delimiter)
            .Append(result.DistanceM?.ToString("0.###", CultureInfo.InvariantCulture)).Append(delimiter)
            .Append(result.Quartier is null ? result.Nearest?.Code : null);
    }

    // One row read: its fields, or the reason it could not be read; Line is where it ends (or starts, when broken).
    private sealed record Row(IReadOnlyList<string>? Fields, long Line, string? Broken);

    internal sealed record Columns(int Id, int Lon, int Lat, int X, int Y, int Geography, int Date, int Near, int Uncertainty)
    {
        public static Columns? Find(IReadOnlyList<string> header)
        {
            int Index(params string[] names)
            {
                for (var i = 0; i < header.Count; i++)
                {
                    if (names.Contains(header[i].Trim(), StringComparer.OrdinalIgnoreCase))
                    {
                        return i;
                    }
                }
                return -1;
            }
            var columns = new Columns(Index("id"), Index("lon", "longitude", "lng"), Index("lat", "latitude"), Index("x"), Index("y"),
                Index("geography"), Index("date"), Index("near_distance_m"), Index("position_uncertainty_m"));
            return (columns.Lon >= 0 && columns.Lat >= 0) || (columns.X >= 0 && columns.Y >= 0) ? columns : null;
        }

        public string? Get(IReadOnlyList<string> row, int index) => index >= 0 && index < row.Count ? row[index] : null;
    }
}
