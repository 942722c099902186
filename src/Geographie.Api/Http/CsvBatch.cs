using System.Buffers;
using System.IO.Pipelines;
using Geographie.Addresses;
using Geographie.Api.Addresses;
using Geographie.Domain.Eligibility;
using Geographie.Api.Texts;
using Geographie.Domain.Snapshots;
using Geographie.Domain.Texts;
using Geographie.Import.Csv;

namespace Geographie.Api.Http;

/// <summary>
/// CSV in, CSV out, streamed row by row: the input columns (header <c>id,lon,lat</c> or <c>id,x,y</c>; optional
/// <c>geography, date, near_distance_m, position_uncertainty_m</c> columns) followed by <c>status, reason, geography,
/// quartier_code, quartier_name, distance_m, nearest_code, nearest_loaded_code, nearest_loaded_distance_m,
/// loaded_geographies, hint</c> (the last four on UNKNOWN rows only). The body is the CSV itself or an HTML form's
/// <c>file</c> field (<see cref="CsvUpload"/>); its encoding is declared or detected (<see cref="CsvEncoding"/>), its
/// separator (comma, semicolon or tab) detected on the header line, and with a semicolon or tab decimal commas are
/// accepted. The answer is written in the dialect named by <c>?format=</c> or, without it, the one mirroring the
/// input (semicolon → <see cref="CsvDialect.ExcelFrench"/>), as an attachment.
/// Every row sent gets exactly one row back, in order: a bad row, or one the reader cannot read (a quote never
/// closed, a field or row beyond <see cref="CsvLimits"/>), is answered INVALID with its line number and the rest of
/// the body is still answered. When the body cannot be read to its end once answering has begun (cut, stalled below
/// Kestrel's minimum data rate, beyond the size limit), a last row with status <c>ERROR</c> says so, with the count of
/// rows answered: a client never takes a cut answer for a complete one. Address columns named by the caller (addok-csv
/// style: <c>columns=voie&amp;columns=commune</c>, joined as free text; <c>postcode=</c>, <c>citycode=</c> name filter
/// columns) are geocoded first (docs/addresses.md) and add <c>result_label, result_id, result_score, result_type,
/// result_lon, result_lat</c> to the answer.
/// </summary>
public static class CsvBatch
{
    /// <summary>Status of the final row of an answer whose body could not be read to its end.</summary>
    public const string ErrorStatus = "ERROR";

    /// <summary>
    /// Answers the CSV body of <paramref name="context"/>, read through a budget of <paramref name="maxBytes"/>, in
    /// <paramref name="dialect"/> (null: mirroring the input's); 400 when the body or its header cannot be read or
    /// names no location columns.
    /// </summary>
    public static async Task<IResult> AnswerAsync(
        HttpContext context, GeographySnapshot snapshot, EligibilityChecker checker, BatchDefaults defaults, CsvLimits limits, long maxBytes,
        CsvDialect? dialect, Action<long> recordRows, AddressColumnNames? addressColumns = null, IGeocoder? geocoder = null)
    {
        var cancel = context.RequestAborted;
        var (opened, problem) = await OpenAsync(context, limits, maxBytes, defaults.Language, addressColumns);
        if (problem is not null)
        {
            return problem;
        }
        var (csv, header, columns, upload) = opened!;
        using var _ = csv;
        var answer = dialect ?? CsvDialect.Mirroring(csv.Delimiter);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = answer.MediaType;
        CsvUpload.AttachAs(context.Response, upload.DownloadName("eligibilite", answer));
        var output = context.Response.BodyWriter;
        var lines = new CsvAnswerWriter(answer, header.Count, columns.HasAddress);
        lines.Header(header);
        var answered = 0L;
        var failure = await CheckRowsAsync(csv, header, columns, snapshot, checker, defaults, async (chunk, token) =>
        {
            for (var r = 0; r < chunk.Count; r++)
            {
                lines.Row(chunk.Rows[r].Fields, chunk.Results[r], chunk.Located?[r]);
                if (lines.Full)
                {
                    Send(output, lines);
                }
            }
            answered += chunk.Count;
            // Once a chunk, as before: the client sees the answer progress, and a compressed answer stays compressed well.
            Send(output, lines);
            await output.FlushAsync(token);
        }, cancel, geocoder);
        if (failure is not null)
        {
            var reason = defaults.Language.Say(EdgeText.CsvCut, failure, answered);
            lines.Row(null, EligibilityResult.Invalid(reason), null, ErrorStatus);
        }
        Send(output, lines);
        await output.FlushAsync(cancel);
        recordRows(answered);
        // The answer then ends normally: aborting the connection as well would let a client lose the ERROR row
        // itself (a reset discards what it has not read yet), and that row is what says the answer is incomplete.
        return TypedResults.Empty;
    }

    /// <summary>
    /// The CSV dialect named by <paramref name="format"/> (null when it is null: the answer mirrors the input), or the
    /// 400 problem naming the formats known.
    /// </summary>
    internal static IResult? TryChooseDialect(string? format, Language language, out CsvDialect? dialect)
    {
        dialect = format is null ? null : CsvDialect.Named(format);
        return format is null || dialect is not null ? null : TypedResults.Problem(
            language.Say(EdgeText.FormatUnknown, InputEcho.Quote(format), string.Join(", ", CsvDialect.All.Select(d => d.Name))),
            statusCode: StatusCodes.Status400BadRequest, title: language.Say(EdgeText.RequestInvalidTitle));
    }

    /// <summary>
    /// Opens the CSV body of <paramref name="context"/> within the batch limits: the reader, its header and location
    /// columns and the upload they come from, or the 400 problem when the body or its header cannot be read, names no
    /// location columns or lacks a column named in <paramref name="addressColumns"/>. Shared by the batch and its summary.
    /// </summary>
    internal static async Task<(OpenedCsv? Opened, IResult? Problem)> OpenAsync(
        HttpContext context, CsvLimits limits, long maxBytes, Language language, AddressColumnNames? addressColumns = null)
    {
        var (upload, refused) = await CsvUpload.OpenAsync(context, maxBytes, language);
        if (refused is not null)
        {
            return (null, refused);
        }
        var (input, _) = await CsvEncoding.OpenAsync(upload!.Bytes, upload.Charset, context.RequestAborted);
        CsvRowReader csv;
        IReadOnlyList<string>? header;
        try
        {
            (csv, header) = await CsvRowReader.OpenAsync(input, context.RequestAborted, limits);
        }
        catch (CsvRowException e)
        {
            input.Dispose();
            return (null, TypedResults.Problem(language.Say(EdgeText.CsvHeaderUnreadable, language.Say(e)),
                statusCode: StatusCodes.Status400BadRequest, title: language.Say(EdgeText.BatchInvalidTitle)));
        }
        if (header is not null && addressColumns?.Missing(header) is { } missing)
        {
            csv.Dispose();
            return (null, TypedResults.Problem(language.Say(EdgeText.CsvAddressColumnMissing, InputEcho.Quote(missing)),
                statusCode: StatusCodes.Status400BadRequest, title: language.Say(EdgeText.BatchInvalidTitle)));
        }
        if ((header is null ? null : Columns.Find(header, addressColumns)) is not { } columns)
        {
            csv.Dispose();
            return (null, TypedResults.Problem(language.Say(EdgeText.CsvNoLocationColumns),
                statusCode: StatusCodes.Status400BadRequest, title: language.Say(EdgeText.BatchInvalidTitle)));
        }
        return (new OpenedCsv(csv, header!, columns, upload), null);
    }

    /// <summary>
    /// Answers every row of an opened CSV body in order, chunk by chunk (read, checked on every core, answered: the three
    /// overlapping, <see cref="CsvRowPipeline"/>), handing each checked chunk to <paramref name="answered"/>; returns why
    /// the body could not be read to its end, or null.
    /// </summary>
    internal static Task<string?> CheckRowsAsync(
        CsvRowReader csv, IReadOnlyList<string> header, Columns columns, GeographySnapshot snapshot, EligibilityChecker checker,
        BatchDefaults defaults, Func<CsvChunk, CancellationToken, ValueTask> answered, CancellationToken cancel, IGeocoder? geocoder = null)
    {
        var commaDecimals = csv.Delimiter != ',';
        return CsvRowPipeline.RunAsync(csv, defaults.Language, async (chunk, token) =>
        {
            var rows = chunk.Rows;
            // The chunk's addresses first, in one call (an external geocoder sends CSV batches); then the checks.
            chunk.Located = geocoder is not null && columns.HasAddress
                ? await AddressStep.GeocodeAllAsync(geocoder, rows.Select(r => r.Fields is { } fields && fields.Count == header.Count ? columns.Address(fields) : null).ToList(), token)
                : null;
            EligibilityBatch.Check(snapshot, checker, new Points(rows, header.Count, columns, defaults, commaDecimals, chunk.Located, checker.Limits.MaxBandM),
                0, chunk.Results, rows.Count, defaults.Language, token);
        }, answered, cancel);
    }

    // Hands the lines written so far to the response (sent at its next flush) and clears the writer for the next ones.
    private static void Send(PipeWriter output, CsvAnswerWriter lines)
    {
        output.Write(lines.Written.Span);
        lines.Clear();
    }

    // The rows of a chunk as the batch loop reads them: a row the reader could not read, or of the wrong width, is INVALID
    // with its line number.
    private readonly struct Points(
        List<CsvChunkRow> rows, int width, Columns columns, BatchDefaults defaults, bool commaDecimals, AddressAnswer?[]? located, double maxBandM) : IBatchPoints
    {
        public BatchPoint Read(int index)
        {
            var row = rows[index];
            return row.Fields switch
            {
                null => Known(defaults.Language.Say(EdgeText.CsvRowBroken, row.Line, row.Broken)),
                { } fields when fields.Count != width => Known(defaults.Language.Say(EdgeText.CsvRowWidth, fields.Count, width, row.Line)),
                { } fields => defaults.Read(
                    columns.Get(fields, columns.Lon), columns.Get(fields, columns.Lat), columns.Get(fields, columns.X), columns.Get(fields, columns.Y),
                    columns.Get(fields, columns.Geography), columns.Get(fields, columns.Date),
                    columns.Get(fields, columns.Near), columns.Get(fields, columns.Uncertainty), commaDecimals, maxBandM, located?[index]),
            };
        }

        private static BatchPoint Known(string invalidReason) => new(default, Answer: EligibilityResult.Invalid(invalidReason));
    }

    /// <summary>An opened CSV body: its reader, header and location columns, and the upload it comes from.</summary>
    internal sealed record OpenedCsv(CsvRowReader Csv, IReadOnlyList<string> Header, Columns Columns, CsvUpload Upload);

    internal sealed record Columns(int Lon, int Lat, int X, int Y, int Geography, int Date, int Near, int Uncertainty)
    {
        /// <summary>The columns joined as the address text (columns=), and the postcode and INSEE code columns; -1 for none.</summary>
        public int[] AddressText { get; init; } = [];

        public int Postcode { get; init; } = -1;

        public int CityCode { get; init; } = -1;

        public bool HasAddress => AddressText.Length > 0 || Postcode >= 0 || CityCode >= 0;

        public AddressQuery Address(IReadOnlyList<string> row) => new(
            string.Join(' ', AddressText.Select(i => Get(row, i)).Where(t => !string.IsNullOrWhiteSpace(t))),
            Postcode: Get(row, Postcode), CityCode: Get(row, CityCode));

        public static Columns? Find(IReadOnlyList<string> header, AddressColumnNames? addressColumns = null)
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
            var columns = new Columns(Index("lon", "longitude", "lng"), Index("lat", "latitude"), Index("x"), Index("y"),
                Index("geography"), Index("date"), Index("near_distance_m"), Index("position_uncertainty_m"))
            {
                AddressText = addressColumns?.Text.Select(name => Index(name)).ToArray() ?? [],
                Postcode = addressColumns?.Postcode is { } postcode ? Index(postcode) : -1,
                CityCode = addressColumns?.CityCode is { } citycode ? Index(citycode) : -1,
            };
            return (columns.Lon >= 0 && columns.Lat >= 0) || (columns.X >= 0 && columns.Y >= 0) || columns.HasAddress ? columns : null;
        }

        public string? Get(IReadOnlyList<string> row, int index) => index >= 0 && index < row.Count ? row[index] : null;
    }
}

/// <summary>The address columns a CSV batch names (addok-csv style): <c>columns=</c> joined as text, <c>postcode=</c>, <c>citycode=</c>.</summary>
public sealed record AddressColumnNames(IReadOnlyList<string> Text, string? Postcode, string? CityCode)
{
    /// <summary>The names given, or null when none is.</summary>
    public static AddressColumnNames? Of(string[]? text, string? postcode, string? citycode) =>
        (text is null || text.Length == 0) && string.IsNullOrWhiteSpace(postcode) && string.IsNullOrWhiteSpace(citycode)
            ? null
            : new AddressColumnNames(text ?? [], string.IsNullOrWhiteSpace(postcode) ? null : postcode, string.IsNullOrWhiteSpace(citycode) ? null : citycode);

    /// <summary>The first name that is not a column of <paramref name="header"/>, or null.</summary>
    public string? Missing(IReadOnlyList<string> header) =>
        Text.Append(Postcode).Append(CityCode).OfType<string>()
            .FirstOrDefault(name => !header.Any(h => string.Equals(h.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)));
}
