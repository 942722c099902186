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
/// A bad row is answered INVALID with its reason in its own row; the rest of the file is still answered.
/// With a semicolon delimiter, decimal commas are accepted.
/// </summary>
public static class CsvBatch
{
    private const int ChunkRows = 4096;

    private static readonly string[] AddedColumns = ["status", "reason", "geography", "quartier_code", "quartier_name", "distance_m", "nearest_code"];

    /// <summary>Answers the CSV body of <paramref name="context"/>; 400 when the header names no location columns.</summary>
    public static async Task<IResult> AnswerAsync(HttpContext context, GeographySnapshot snapshot, EligibilityChecker checker, BatchDefaults defaults)
    {
        var cancel = context.RequestAborted;
        using var input = new StreamReader(context.Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var (csv, header) = await CsvRowReader.OpenAsync(input, cancel);
        using var _ = csv;
        var columns = header is null ? null : Columns.Find(header);
        if (columns is null)
        {
            return TypedResults.Problem(
                "The CSV header must name the location columns: id,lon,lat (WGS84) or id,x,y (Lambert-93).",
                statusCode: StatusCodes.Status400BadRequest);
        }
        var delimiter = csv.Delimiter;
        var commaDecimals = delimiter == ';';
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/csv; charset=utf-8";
        await using var output = new StreamWriter(context.Response.Body, new UTF8Encoding(false), bufferSize: 1 << 16);
        await output.WriteLineAsync(string.Join(delimiter, header!.Concat(AddedColumns).Select(h => CsvText.Escape(h, delimiter))));
        var line = new StringBuilder(256);
        var rows = new List<(IReadOnlyList<string> Fields, long Line)>(ChunkRows);
        var results = new EligibilityResult[ChunkRows];
        var more = true;
        while (more)
        {
            // Rows are read and written in order, one chunk at a time; the checks of a chunk run on every core.
            rows.Clear();
            while (rows.Count < ChunkRows && await csv.ReadRowAsync(cancel) is { } row)
            {
                rows.Add((row, csv.LineNumber));
            }
            more = rows.Count == ChunkRows;
            Parallel.For(0, rows.Count, new ParallelOptions { CancellationToken = cancel }, i =>
            {
                var (row, lineNumber) = rows[i];
                results[i] = row.Count != header!.Count
                    ? EligibilityResult.Invalid($"row: {row.Count} fields where the header has {header.Count} (line {lineNumber})")
                    : defaults.Check(snapshot, checker,
                        columns.Get(row, columns.Lon), columns.Get(row, columns.Lat), columns.Get(row, columns.X), columns.Get(row, columns.Y),
                        columns.Get(row, columns.Geography), columns.Get(row, columns.Date),
                        columns.Get(row, columns.Near), columns.Get(row, columns.Uncertainty), commaDecimals);
            });
            for (var r = 0; r < rows.Count; r++)
            {
                var (row, _) = rows[r];
                var result = results[r];
                line.Clear();
                for (var i = 0; i < header!.Count; i++)
                {
                    line.Append(CsvText.Escape(i < row.Count ? row[i] : string.Empty, delimiter)).Append(delimiter);
                }
                line.Append(result.Status.Wire()).Append(delimiter)
                    .Append(CsvText.Escape(result.Reason, delimiter)).Append(delimiter)
                    .Append(result.Geography?.Code).Append(delimiter)
                    .Append(result.Quartier?.Code).Append(delimiter)
                    .Append(CsvText.Escape(result.Quartier?.Name, delimiter)).Append(delimiter)
                    .Append(result.DistanceM?.ToString("0.###", CultureInfo.InvariantCulture)).Append(delimiter)
                    .Append(result.Quartier is null ? result.Nearest?.Code : null);
                await output.WriteLineAsync(line, cancel);
            }
        }
        return TypedResults.Empty;
    }

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
