namespace Geographie.Api.Http.Overlaps;

/// <summary>The answer formats of the overlap routes.</summary>
internal enum OverlapFormat
{
    /// <summary><c>application/json</c>, the default.</summary>
    Json,

    /// <summary><c>text/csv</c>: one row per zone × quartier, and one per zone without QPV.</summary>
    Csv,

    /// <summary><c>application/geo+json</c>: one Feature per zone × quartier, its geometry the intersection.</summary>
    GeoJson,
}

/// <summary>Chooses the format from <c>?format=</c> (json, csv, geojson) or, without it, the Accept header.</summary>
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
                "csv" => OverlapFormat.Csv,
                "geojson" => OverlapFormat.GeoJson,
                _ => null,
            };
        }

        var accept = request.Headers.Accept.ToString();
        return accept.Contains("application/geo+json", StringComparison.OrdinalIgnoreCase) ? OverlapFormat.GeoJson
            : accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase) ? OverlapFormat.Csv
            : OverlapFormat.Json;
    }
}
