using System.Text.Json;

namespace Geographie.Tiles;

/// <summary>Writes TileJSON 3.0.0 documents (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0). Pure; thread-safe.</summary>
public static class TileJson
{
    /// <summary>
    /// Serialises <paramref name="options"/>: <c>tilejson</c> "3.0.0", <c>name</c>, <c>tiles</c>, <c>vector_layers</c>
    /// (<c>id</c>, <c>fields</c>, <c>minzoom</c>, <c>maxzoom</c>, <c>description</c>), <c>bounds</c>, <c>center</c>,
    /// <c>minzoom</c>, <c>maxzoom</c>, <c>scheme</c> "xyz", and <c>description</c>/<c>attribution</c>/<c>version</c> when set.
    /// </summary>
    /// <exception cref="ArgumentException">No tile URL, or an invalid zoom range.</exception>
    public static string Build(TileJsonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Tiles is null || options.Tiles.Count == 0)
        {
            throw new ArgumentException("At least one tile URL template is required.", nameof(options));
        }

        if (options.MinZoom < 0 || options.MaxZoom > 30 || options.MinZoom > options.MaxZoom)
        {
            throw new ArgumentException($"Invalid zoom range {options.MinZoom}..{options.MaxZoom}.", nameof(options));
        }

        TileBounds bounds = options.Bounds ?? new TileBounds(-180, -WebMercator.MaxLatitude, 180, WebMercator.MaxLatitude);
        (double lon, double lat, int zoom) = options.Center
            ?? ((bounds.West + bounds.East) / 2, (bounds.South + bounds.North) / 2, Math.Clamp(11, options.MinZoom, options.MaxZoom));

        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            w.WriteStartObject();
            w.WriteString("tilejson", "3.0.0");
            w.WriteString("name", options.Name);
            WriteIfSet(w, "description", options.Description);
            WriteIfSet(w, "version", options.Version);
            WriteIfSet(w, "attribution", options.Attribution);
            w.WriteString("scheme", "xyz");
            w.WriteStartArray("tiles");
            foreach (string url in options.Tiles)
            {
                w.WriteStringValue(url);
            }

            w.WriteEndArray();
            w.WriteStartArray("vector_layers");
            foreach (TileJsonVectorLayer layer in options.VectorLayers)
            {
                w.WriteStartObject();
                w.WriteString("id", layer.Id);
                w.WriteStartObject("fields");
                foreach ((string field, string type) in layer.Fields)
                {
                    w.WriteString(field, type);
                }

                w.WriteEndObject();
                w.WriteNumber("minzoom", layer.MinZoom);
                w.WriteNumber("maxzoom", layer.MaxZoom);
                w.WriteString("description", layer.Description ?? string.Empty);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("bounds");
            w.WriteNumberValue(Math.Round(bounds.West, 6));
            w.WriteNumberValue(Math.Round(bounds.South, 6));
            w.WriteNumberValue(Math.Round(bounds.East, 6));
            w.WriteNumberValue(Math.Round(bounds.North, 6));
            w.WriteEndArray();
            w.WriteStartArray("center");
            w.WriteNumberValue(Math.Round(lon, 6));
            w.WriteNumberValue(Math.Round(lat, 6));
            w.WriteNumberValue(zoom);
            w.WriteEndArray();
            w.WriteNumber("minzoom", options.MinZoom);
            w.WriteNumber("maxzoom", options.MaxZoom);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void WriteIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
