using System.Text;
using System.Text.Json;
using Geographie.Api.Texts;
using NetTopologySuite.Geometries;

namespace Geographie.Api.Http.Overlaps;

/// <summary>
/// Reads one zone's GeoJSON (a Feature, or a bare Polygon or MultiPolygon) straight from its UTF-8 bytes with a
/// <see cref="Utf8JsonReader"/>: its id and, for a Polygon or MultiPolygon, its geometry, without building a
/// <see cref="JsonDocument"/> or going through the serializer (together most of a zone's cost before this reader).
/// Members may come in any order. Pure and thread-safe.
/// </summary>
internal static class ZoneJson
{
    private static readonly GeometryFactory Factory = new();

    /// <summary>What a zone's JSON holds; <see cref="Kind"/> is the geometry's type, null when there is none.</summary>
    /// <remarks><see cref="Fault"/> names what is wrong, <see cref="Detail"/> the reader's own words when it has them.</remarks>
    internal readonly record struct Parts(string? Id, string? Kind, Geometry? Geometry, EdgeText? Fault, string? Detail = null);

    /// <summary>
    /// Reads <paramref name="json"/>. The id is the string (or raw text) of property <paramref name="idProperty"/>,
    /// else of the feature's <c>id</c> when a string or number, else null. The geometry is built only for a Polygon or
    /// MultiPolygon; other types are left to the caller (<see cref="Parts.Kind"/> names them). A malformed Polygon or
    /// MultiPolygon (an unclosed ring, fewer than four points, a non-numeric coordinate) gives a problem.
    /// </summary>
    public static Parts Read(ReadOnlySpan<byte> json, string? idProperty)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return new Parts(null, null, null, EdgeText.ZoneNotFeature);
        }

        string? type = null, id = null, chosen = null, geometryType = null;
        Range geometry = default, coordinates = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            switch (name)
            {
                case "type" when reader.TokenType == JsonTokenType.String:
                    type = reader.GetString();
                    break;
                case "id" when reader.TokenType is JsonTokenType.String or JsonTokenType.Number:
                    id = Text(ref reader, json);
                    break;
                case "properties" when reader.TokenType == JsonTokenType.StartObject && idProperty is not null:
                    chosen = Property(ref reader, json, idProperty);
                    break;
                case "geometry" when reader.TokenType == JsonTokenType.StartObject:
                    reader.Skip();
                    geometry = start..(int)reader.BytesConsumed;
                    break;
                case "coordinates":
                    reader.Skip();
                    coordinates = start..(int)reader.BytesConsumed;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        id = chosen ?? id;
        if (type != "Feature")
        {
            // A bare geometry: the object itself.
            return Build(id, type, json[coordinates], coordinates.Equals(default(Range)));
        }

        if (geometry.Equals(default(Range)))
        {
            return new Parts(id, null, null, null); // the validator names the missing geometry
        }

        var inner = new Utf8JsonReader(json[geometry]);
        inner.Read();
        Range innerCoordinates = default;
        while (inner.Read() && inner.TokenType == JsonTokenType.PropertyName)
        {
            var name = inner.GetString();
            inner.Read();
            var start = (int)inner.TokenStartIndex;
            if (name == "type" && inner.TokenType == JsonTokenType.String)
            {
                geometryType = inner.GetString();
            }

            inner.Skip();
            if (name == "coordinates")
            {
                innerCoordinates = start..(int)inner.BytesConsumed;
            }
        }

        return Build(id, geometryType, json[geometry][innerCoordinates], innerCoordinates.Equals(default(Range)));
    }

    private static Parts Build(string? id, string? kind, ReadOnlySpan<byte> coordinates, bool missing)
    {
        if (kind is not ("Polygon" or "MultiPolygon"))
        {
            return new Parts(id, kind, null, null);
        }

        if (missing)
        {
            return new Parts(id, kind, null, EdgeText.ZoneNoCoordinates);
        }

        try
        {
            var reader = new Utf8JsonReader(coordinates);
            reader.Read();
            Expect(ref reader, JsonTokenType.StartArray);
            Geometry geometry;
            if (kind == "Polygon")
            {
                geometry = Polygon(ref reader);
            }
            else
            {
                var polygons = new List<Polygon>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    Expect(ref reader, JsonTokenType.StartArray);
                    polygons.Add(Polygon(ref reader));
                }

                geometry = Factory.CreateMultiPolygon([.. polygons]);
            }

            return new Parts(id, kind, geometry, null);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            // NTS refuses unclosed rings and rings of fewer than four points while building them.
            return new Parts(id, kind, null, EdgeText.ZoneUnreadable, e.Message);
        }
    }

    /// <summary>A polygon from its rings; the reader is on the rings' StartArray and ends on their EndArray.</summary>
    private static Polygon Polygon(ref Utf8JsonReader reader)
    {
        LinearRing? shell = null;
        var holes = new List<LinearRing>();
        var points = new List<Coordinate>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            Expect(ref reader, JsonTokenType.StartArray);
            points.Clear();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                Expect(ref reader, JsonTokenType.StartArray);
                reader.Read();
                var x = reader.GetDouble();
                reader.Read();
                var y = reader.GetDouble();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    // Heights and measures are ignored, as areas are planar.
                }

                points.Add(new Coordinate(x, y));
            }

            var ring = Factory.CreateLinearRing([.. points]);
            if (shell is null)
            {
                shell = ring;
            }
            else
            {
                holes.Add(ring);
            }
        }

        return shell is null ? Factory.CreatePolygon() : Factory.CreatePolygon(shell, [.. holes]);
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new FormatException($"expected {type} in the coordinates, found {reader.TokenType}");
        }
    }

    /// <summary>The value's text: a string's value, or the raw JSON of anything else.</summary>
    private static string Text(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString()!;
        }

        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);
    }

    /// <summary>The text of property <paramref name="name"/> of the object the reader is on, or null; ends on its EndObject.</summary>
    private static string? Property(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, string name)
    {
        string? value = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var found = reader.ValueTextEquals(name);
            reader.Read();
            if (found)
            {
                value = Text(ref reader, json);
            }
            else
            {
                reader.Skip();
            }
        }

        return value;
    }
}
