namespace Geographie.Api.Http.Overlaps;

/// <summary>The answer formats of the overlap routes.</summary>
internal enum OverlapFormat
{
    /// <summary><c>application/json</c>, the default.</summary>
    Json,

    /// <summary><c>text/csv</c>: one row per zone × quartier, and one per zone without QPV, in a <see cref="Import.Csv.CsvDialect"/>.</summary>
    Csv,

    /// <summary><c>application/geo+json</c>: one Feature per zone × quartier, its geometry the intersection.</summary>
    GeoJson,
}

/// <summary>
/// Chooses the format from <c>?format=</c> (json, csv, csv-excel-fr, tsv, geojson) or, without it, the Accept header
/// (CSV then in the comma dialect).
/// </summary>
internal static class OverlapFormats
{
    /// <summary>The format asked for, or null with an unknown <paramref name="format"/>.</summary>
    public static OverlapFormat? Negotiate(HttpRequest request, string? format)
    {
        if (format is not null)
        {
            return format.ToLowerInvariant() switch
            {
                "json" => OverlapFormat.Json,
                "csv" or "csv-excel-fr" or "tsv" => OverlapFormat.Csv,
                "geojson" => OverlapFormat.GeoJson,
                _ => null,
            };
        }

        var accept = request.Headers.Accept.ToString();
        return accept.Contains("application/geo+json", StringComparison.OrdinalIgnoreCase) ? OverlapFormat.GeoJson
            : accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase) ? OverlapFormat.Csv
            : OverlapFormat.Json;
    }

    /// <summary>The CSV dialect <paramref name="format"/> names; the comma dialect when it names none.</summary>
    public static Import.Csv.CsvDialect Dialect(string? format) =>
        (format is null ? null : Import.Csv.CsvDialect.Named(format)) ?? Import.Csv.CsvDialect.Comma;

    /// <summary>The formats, as an error message lists them.</summary>
    public const string Known = "json, csv, csv-excel-fr, tsv or geojson";
}
