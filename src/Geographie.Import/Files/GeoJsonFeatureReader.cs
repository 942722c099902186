using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Geographie.Import.Files;

/// <summary>
/// Reads a GeoJSON FeatureCollection feature by feature, so one broken geometry is reported with its
/// index instead of failing the whole file. The legacy <c>crs</c> member (EPSG:2154) is honoured.
/// </summary>
public static class GeoJsonFeatureReader
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    /// <summary>Reads <paramref name="path"/>; throws <see cref="InvalidDataException"/> when it is not a FeatureCollection.</summary>
    public static SourceFile Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { AllowTrailingCommas = true });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("features", out var features)
            || features.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} is not a GeoJSON FeatureCollection (no \"features\" array).");
        }

        var result = new List<SourceFeature>(features.GetArrayLength());
        var index = 0;
        foreach (var feature in features.EnumerateArray())
        {
            result.Add(ReadFeature(index++, feature));
        }
        return new SourceFile(path, "GeoJSON", DeclaredSrid(root), result);
    }

    private static SourceFeature ReadFeature(int index, JsonElement feature)
    {
        var attributes = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (feature.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                attributes[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    JsonValueKind.String => property.Value.GetString(),
                    _ => property.Value.GetRawText(),
                };
            }
        }
        if (!feature.TryGetProperty("geometry", out var geometryElement) || geometryElement.ValueKind == JsonValueKind.Null)
        {
            return new SourceFeature(index, attributes, null, "the feature has no geometry");
        }
        try
        {
            var geometry = geometryElement.Deserialize<Geometry>(Options);
            return new SourceFeature(index, attributes, geometry, geometry is null ? "the geometry is null" : null);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return new SourceFeature(index, attributes, null, e.Message);
        }
    }

    private static int DeclaredSrid(JsonElement root)
    {
        if (root.TryGetProperty("crs", out var crs)
            && crs.TryGetProperty("properties", out var crsProperties)
            && crsProperties.TryGetProperty("name", out var name))
        {
            var text = name.GetString() ?? string.Empty;
            var digits = new string(text.Reverse().TakeWhile(char.IsDigit).Reverse().ToArray());
            if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var srid) && srid != 84)
            {
                return srid;
            }
        }
        return 4326;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        return options;
    }
}
