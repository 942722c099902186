using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Geographie.Domain.Overlaps;
using Geographie.Import.Csv;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Geographie.Api.Http.Overlaps;

/// <summary>
/// Writes zone overlaps to a response body (or a spool) as they are computed, in JSON, CSV or GeoJSON (see docs/overlaps.md for the
/// fields). Areas in m² rounded to the millimetre², shares to 1e-9. Not thread-safe: one writer per response.
/// </summary>
internal sealed class OverlapWriter : IAsyncDisposable
{
    private static readonly string[] CsvHeader =
    [
        "zone_id", "zone_name", "zone_area_m2", "qpv_area_m2", "share_in_qpv", "metric_crs", "complete", "missing", "incomplete_reason", "repaired",
        "quartier_code", "quartier_name", "intersection_m2", "share_of_zone", "share_of_quartier",
    ];

    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    private static readonly JavaScriptEncoder JsonEscaping = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private readonly OverlapFormat _format;
    private readonly Stream _body;
    private readonly Utf8JsonWriter? _json;
    private readonly StreamWriter? _csv;
    private readonly CsvDialect _dialect;
    private string? _lastReason;
    private JsonEncodedText _lastReasonEncoded;

    private OverlapWriter(OverlapFormat format, CsvDialect dialect, Stream body)
    {
        _format = format;
        _dialect = dialect;
        _body = body;
        if (format == OverlapFormat.Csv)
        {
            _csv = new StreamWriter(body, dialect.Encoding, bufferSize: 1 << 16, leaveOpen: true);
        }
        else
        {
            _json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = JsonEscaping });
        }
    }

    /// <summary>
    /// Makes <paramref name="response"/> a 200 answer of <paramref name="format"/> for <paramref name="geography"/>;
    /// CSV in <paramref name="dialect"/>, as an attachment. Call before the first byte reaches the response.
    /// </summary>
    public static void Describe(HttpResponse response, OverlapFormat format, CsvDialect dialect, string geography)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = format switch
        {
            OverlapFormat.Csv => dialect.MediaType,
            OverlapFormat.GeoJson => "application/geo+json",
            _ => "application/json; charset=utf-8",
        };
        if (format == OverlapFormat.Csv)
        {
            CsvUpload.AttachAs(response, $"recouvrements-{geography}.{dialect.Extension}");
        }
    }

    /// <summary>
    /// Starts a document of <paramref name="format"/> for <paramref name="geography"/> on <paramref name="body"/> (the
    /// response's, or a spool), which stays open when the writer is disposed.
    /// </summary>
    public static async Task<OverlapWriter> StartAsync(Stream body, OverlapFormat format, CsvDialect dialect, string geography)
    {
        var writer = new OverlapWriter(format, dialect, body);
        if (writer._csv is { } csv)
        {
            await csv.WriteLineAsync(string.Join(dialect.Delimiter, CsvHeader));
        }
        else
        {
            var json = writer._json!;
            json.WriteStartObject();
            if (format == OverlapFormat.GeoJson)
            {
                json.WriteString("type", "FeatureCollection");
                json.WriteString("geography", geography);
                json.WritePropertyName("features");
            }
            else
            {
                json.WriteString("geography", geography);
                json.WritePropertyName("zones");
            }

            json.WriteStartArray();
        }

        return writer;
    }

    /// <summary>Writes one zone's answer (buffered; see <see cref="FlushAsync"/>).</summary>
    public async Task WriteAsync(ZoneOverlap overlap, CancellationToken cancel)
    {
        switch (_format)
        {
            case OverlapFormat.Csv:
                await WriteCsvAsync(overlap, cancel);
                break;
            case OverlapFormat.GeoJson:
                WriteFeatures(overlap);
                break;
            default:
                WriteJson(overlap);
                break;
        }
    }

    /// <summary>Sends what is buffered.</summary>
    public async Task FlushAsync(CancellationToken cancel)
    {
        if (_csv is not null)
        {
            await _csv.FlushAsync(cancel);
        }
        else
        {
            await _json!.FlushAsync(cancel);
        }
    }

    /// <summary>Closes the document and flushes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_csv is not null)
        {
            await _csv.DisposeAsync();
            return;
        }

        _json!.WriteEndArray();
        _json.WriteEndObject();
        await _json.FlushAsync();
        await _json.DisposeAsync();
        await _body.FlushAsync();
    }

    private void WriteJson(ZoneOverlap o)
    {
        var json = _json!;
        json.WriteStartObject();
        json.WriteString("id", o.Zone.Id);
        if (o.Zone.Name is not null)
        {
            json.WriteString("name", o.Zone.Name);
        }

        json.WriteNumber("zoneAreaM2", Area(o.ZoneAreaM2));
        json.WriteNumber("qpvAreaM2", Area(o.QpvAreaM2));
        json.WriteNumber("shareInQpv", Share(o.ShareInQpv));
        json.WriteString("metricCrs", o.Crs.ToString());
        WriteCompleteness(json, o.Completeness);
        json.WriteString("repaired", o.Zone.Repair);
        json.WriteStartArray("quartiers");
        foreach (var q in o.Quartiers)
        {
            json.WriteStartObject();
            json.WriteString("code", q.Quartier.Code);
            json.WriteString("name", q.Quartier.Name);
            json.WriteNumber("intersectionM2", Area(q.IntersectionM2));
            json.WriteNumber("shareOfZone", Share(q.ShareOfZone));
            json.WriteNumber("shareOfQuartier", Share(q.ShareOfQuartier));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Writes <c>complete</c>, <c>missing</c> and <c>incompleteReason</c> into the current object.</summary>
    private void WriteCompleteness(Utf8JsonWriter json, Completeness c)
    {
        json.WriteBoolean("complete", c.Complete);
        json.WriteStartArray("missing");
        foreach (var code in c.Missing)
        {
            json.WriteStringValue(code);
        }

        json.WriteEndArray();
        if (c.Reason is null)
        {
            json.WriteNull("incompleteReason");
            return;
        }

        // Most zones of a request share one note (the same string: the edition's partial register): escaped once.
        if (!ReferenceEquals(c.Reason, _lastReason))
        {
            _lastReason = c.Reason;
            _lastReasonEncoded = JsonEncodedText.Encode(c.Reason, JsonEscaping);
        }

        json.WriteString("incompleteReason", _lastReasonEncoded);
    }

    private void WriteFeatures(ZoneOverlap o)
    {
        var json = _json!;
        foreach (var q in o.Quartiers)
        {
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WritePropertyName("geometry");
            // Through text: the GeoJSON converter does not nest cleanly inside a writer that is mid-document.
            json.WriteRawValue(JsonSerializer.Serialize(q.Intersection!, GeoJson), skipInputValidation: true);
            json.WriteStartObject("properties");
            json.WriteString("zoneId", o.Zone.Id);
            json.WriteNumber("zoneAreaM2", Area(o.ZoneAreaM2));
            json.WriteString("code", q.Quartier.Code);
            json.WriteString("name", q.Quartier.Name);
            json.WriteNumber("intersectionM2", Area(q.IntersectionM2));
            json.WriteNumber("shareOfZone", Share(q.ShareOfZone));
            json.WriteNumber("shareOfQuartier", Share(q.ShareOfQuartier));
            json.WriteBoolean("complete", o.Completeness.Complete);
            json.WriteEndObject();
            json.WriteEndObject();
        }
    }

    private async Task WriteCsvAsync(ZoneOverlap o, CancellationToken cancel)
    {
        var d = _dialect;
        var zone = string.Join(d.Delimiter,
            d.Escape(o.Zone.Id), d.Escape(o.Zone.Name), CsvNumber(Area(o.ZoneAreaM2)), CsvNumber(Area(o.QpvAreaM2)),
            CsvNumber(Share(o.ShareInQpv)), o.Crs.ToString(), o.Completeness.Complete ? "true" : "false",
            string.Join(' ', o.Completeness.Missing), d.Escape(o.Completeness.Reason), d.Escape(o.Zone.Repair));
        if (o.Quartiers.Count == 0)
        {
            await _csv!.WriteLineAsync((zone + new string(d.Delimiter, 5)).AsMemory(), cancel);
        }

        foreach (var q in o.Quartiers)
        {
            await _csv!.WriteLineAsync(string.Join(d.Delimiter, zone, q.Quartier.Code, d.Escape(q.Quartier.Name),
                CsvNumber(Area(q.IntersectionM2)), CsvNumber(Share(q.ShareOfZone)), CsvNumber(Share(q.ShareOfQuartier))).AsMemory(), cancel);
        }
    }

    /// <summary>m² to the mm².</summary>
    internal static double Area(double m2) => Math.Round(m2, 6);

    /// <summary>Shares to 1e-9.</summary>
    internal static double Share(double share) => Math.Round(share, 9);

    private string CsvNumber(double value) => _dialect.Number(value, "R");

    /// <summary>Invariant shortest round-trip text.</summary>
    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
