using System.Globalization;
using System.Text.Json;
using Geographie.Domain.Overlaps;
using Geographie.Spatial;
using Geographie.Spatial.Areas;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Geographie.Api.Http.Overlaps;

/// <summary>
/// The zones of a GeoJSON body: a geometry, a Feature or a FeatureCollection, WGS84 by default, Lambert-93 when
/// declared (<c>?crs=EPSG:2154</c> or a GeoJSON 2008 <c>crs</c> member naming EPSG 2154). A zone's id is the
/// property named by <c>?id=</c>, else the feature's <c>id</c>, else its position (1-based). Holds the parsed body,
/// not the zones: each pass re-reads one feature at a time, so a 10,000-zone answer does not hold 10,000 geometries.
/// </summary>
internal sealed class ZoneReader : IDisposable
{
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    private readonly JsonDocument _document;
    private readonly JsonElement[] _features;
    private readonly bool _lambert93;
    private readonly string? _idProperty;

    private ZoneReader(JsonDocument document, JsonElement[] features, bool lambert93, string? idProperty)
    {
        _document = document;
        _features = features;
        _lambert93 = lambert93;
        _idProperty = idProperty;
    }

    /// <summary>Number of zones in the body.</summary>
    public int Count => _features.Length;

    /// <summary>
    /// Parses the body; the reader is null, and the problem says why, when the body is not GeoJSON of areas or names
    /// an unsupported CRS.
    /// </summary>
    public static async Task<(ZoneReader? Reader, string? Problem)> OpenAsync(Stream body, string? crs, string? idProperty, CancellationToken cancel)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, default, cancel);
        }
        catch (JsonException e)
        {
            return (null, $"the body is not JSON: {e.Message}");
        }

        var root = document.RootElement;
        var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        JsonElement[]? features = type switch
        {
            "FeatureCollection" when root.TryGetProperty("features", out var f) && f.ValueKind == JsonValueKind.Array => [.. f.EnumerateArray()],
            "Feature" or "Polygon" or "MultiPolygon" => [root],
            _ => null,
        };
        var declared = crs ?? DeclaredCrs(root);
        var lambert93 = declared is not null && declared.Contains("2154", StringComparison.Ordinal);
        var problem = features is null
            ? "the body must be a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection"
            : features.Length == 0
                ? "the FeatureCollection holds no feature"
                : declared is not null && !lambert93 && !IsWgs84(declared)
                    ? $"crs '{declared}' is not supported: send WGS84 (EPSG:4326, CRS84, the default) or Lambert-93 (EPSG:2154)"
                    : null;
        if (problem is not null)
        {
            document.Dispose();
            return (null, problem);
        }

        return (new ZoneReader(document, features!, lambert93, idProperty), null);
    }

    /// <summary>
    /// Reads and validates zone <paramref name="index"/> (0-based); on refusal returns null and the fault, prefixed
    /// with the feature's id and position.
    /// </summary>
    public Zone? Read(int index, out string? problem)
    {
        var element = _features[index];
        var id = ZoneId(element, index);
        var geometry = ReadGeometry(element, out problem);
        var zone = problem is null ? ZoneValidator.Validate(id, geometry, out problem) : null;
        if (zone is null && problem is not null)
        {
            var hint = geometry is not null && !_lambert93 && LooksProjected(geometry.EnvelopeInternal)
                ? " (projected coordinates? declare crs=EPSG:2154 for Lambert-93)"
                : string.Empty;
            problem = $"feature {index + 1} (id '{id}'): {problem}{hint}";
        }

        return zone;
    }

    /// <inheritdoc/>
    public void Dispose() => _document.Dispose();

    private Geometry? ReadGeometry(JsonElement element, out string? problem)
    {
        problem = null;
        var geometryElement = element;
        if (element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "Feature")
        {
            if (!element.TryGetProperty("geometry", out geometryElement) || geometryElement.ValueKind != JsonValueKind.Object)
            {
                problem = "no geometry";
                return null;
            }
        }

        Geometry? geometry;
        try
        {
            geometry = geometryElement.Deserialize<Geometry>(GeoJson);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            // NTS refuses unclosed rings and rings of fewer than four points while building them.
            problem = $"unreadable geometry: {e.Message}";
            return null;
        }

        if (geometry is not null && _lambert93)
        {
            geometry = MetricGeometry.Unproject(geometry, MetricCrs.Lambert93);
        }

        return geometry;
    }

    private string ZoneId(JsonElement element, int index)
    {
        if (_idProperty is not null && element.TryGetProperty("properties", out var properties)
            && properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(_idProperty, out var chosen))
        {
            return Text(chosen);
        }

        return element.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? Text(id)
            : (index + 1).ToString(CultureInfo.InvariantCulture);
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static string? DeclaredCrs(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("crs", out var crs) && crs.ValueKind == JsonValueKind.Object
            && crs.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
            && p.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()
            : null;

    private static bool IsWgs84(string crs) =>
        crs.Contains("4326", StringComparison.Ordinal) || crs.Contains("CRS84", StringComparison.OrdinalIgnoreCase);

    private static bool LooksProjected(Envelope e) => Math.Abs(e.MinX) > 180 || Math.Abs(e.MaxX) > 180 || Math.Abs(e.MinY) > 90 || Math.Abs(e.MaxY) > 90;
}
