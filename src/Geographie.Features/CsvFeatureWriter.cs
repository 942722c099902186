using System.Globalization;
using NetTopologySuite.IO;

namespace Geographie.Features;

/// <summary>
/// Writes a page as CSV (RFC 4180, comma, UTF-8): one column per property, then <c>wkt</c> (the geometry as WKT in
/// CRS84 lon/lat, empty when there is none), which QGIS's delimited-text layer and spreadsheets read. Thread-safe.
/// </summary>
public static class CsvFeatureWriter
{
    /// <summary>The media type of the CSV encoding.</summary>
    public const string MediaType = "text/csv; charset=utf-8";

    /// <summary>Writes the header and one row per feature of <paramref name="page"/>.</summary>
    public static async Task WritePageAsync(TextWriter output, ItemsPage page, CancellationToken cancellationToken)
    {
        var properties = page.Layer.Properties;
        await output.WriteLineAsync(string.Join(",", properties.Select(p => Field(p.Name)).Append("wkt")));
        var wkt = new WKTWriter();
        foreach (var feature in page.Features)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = feature.Values.Select(Text).Append(feature.Geometry is { } geometry ? wkt.Write(geometry) : string.Empty);
            await output.WriteLineAsync(string.Join(",", row.Select(Field)));
        }
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Field(string text) =>
        text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
