using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace Geographie.Features;

/// <summary>
/// Writes features and pages as GeoJSON (RFC 7946) with the OGC API Features members (<c>timeStamp</c>,
/// <c>numberMatched</c>, <c>numberReturned</c>, <c>links</c>). Coordinates are written as stored, lon/lat, with the
/// shortest text that reads back to the same double, so a client gets exactly the geometry of record. Thread-safe.
/// </summary>
public static class GeoJsonFeatureWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private const int FlushBytes = 64 * 1024;

    /// <summary>The media type of GeoJSON.</summary>
    public const string MediaType = "application/geo+json";

    /// <summary>
    /// Writes a FeatureCollection page to <paramref name="output"/>, flushing every 64 KiB so a large page streams in
    /// bounded memory. Only asynchronous writes reach the stream.
    /// </summary>
    public static async Task WritePageAsync(Stream output, ItemsPage page, IEnumerable<Link> links, DateTimeOffset timeStamp, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteString("timeStamp", timeStamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteNumber("numberMatched", page.NumberMatched);
        json.WriteNumber("numberReturned", page.Features.Count);
        WriteLinks(json, links);
        json.WriteStartArray("features");
        foreach (var feature in page.Features)
        {
            json.WriteRawValue(feature.GeoJson(page.Layer), skipInputValidation: true);
            if (json.BytesPending > FlushBytes)
            {
                await json.FlushAsync(cancellationToken);
            }
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    /// <summary>Writes one Feature with its own links (the single-item answer).</summary>
    public static async Task WriteFeatureAsync(Stream output, FeatureLayer layer, FeatureRecord feature, IEnumerable<Link> links, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, Options);
        Write(json, layer, feature, links);
        await json.FlushAsync(cancellationToken);
    }

    /// <summary>The feature as UTF-8 GeoJSON, without links (how it appears in pages).</summary>
    internal static byte[] Encode(FeatureLayer layer, FeatureRecord feature)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            Write(json, layer, feature, null);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter json, FeatureLayer layer, FeatureRecord feature, IEnumerable<Link>? links)
    {
        json.WriteStartObject();
        json.WriteString("type", "Feature");
        json.WriteString("id", feature.Id);
        json.WritePropertyName("geometry");
        if (feature.Geometry is { } geometry)
        {
            WriteMultiPolygon(json, geometry);
        }
        else
        {
            json.WriteNullValue();
        }
        json.WriteStartObject("properties");
        for (var i = 0; i < layer.Properties.Count; i++)
        {
            json.WritePropertyName(layer.Properties[i].Name);
            switch (feature.Values[i])
            {
                case null: json.WriteNullValue(); break;
                case string text: json.WriteStringValue(text); break;
                case int whole: json.WriteNumberValue(whole); break;
                case double number: json.WriteNumberValue(number); break;
                case var other: throw new InvalidOperationException($"property {layer.Properties[i].Name} holds a {other.GetType().Name}");
            }
        }
        json.WriteEndObject();
        if (links is not null)
        {
            WriteLinks(json, links);
        }
        json.WriteEndObject();
    }

    private static void WriteMultiPolygon(Utf8JsonWriter json, MultiPolygon geometry)
    {
        json.WriteStartObject();
        json.WriteString("type", "MultiPolygon");
        json.WriteStartArray("coordinates");
        foreach (var polygon in geometry.Geometries.Cast<Polygon>())
        {
            json.WriteStartArray();
            WriteRing(json, polygon.Shell);
            foreach (var hole in polygon.Holes)
            {
                WriteRing(json, hole);
            }
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRing(Utf8JsonWriter json, LineString ring)
    {
        var points = ring.CoordinateSequence;
        json.WriteStartArray();
        for (var i = 0; i < points.Count; i++)
        {
            json.WriteStartArray();
            json.WriteNumberValue(points.GetX(i));
            json.WriteNumberValue(points.GetY(i));
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }

    /// <summary>Writes <c>"links": [...]</c>.</summary>
    private static void WriteLinks(Utf8JsonWriter json, IEnumerable<Link> links)
    {
        json.WriteStartArray("links");
        foreach (var link in links)
        {
            json.WriteStartObject();
            json.WriteString("href", link.Href);
            json.WriteString("rel", link.Rel);
            json.WriteString("type", link.Type);
            if (link.Title is not null)
            {
                json.WriteString("title", link.Title);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
