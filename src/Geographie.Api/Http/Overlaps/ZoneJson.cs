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
    /// <summary>The factory of every zone read from a body (<see cref="FeatureScanner"/> builds with it too).</summary>
    internal static readonly GeometryFactory Factory = new();

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
        try
        {
            return Read(json, idProperty, inline: true);
        }
        catch (Exception e) when (IsMalformed(e))
        {
            // A malformed geometry met on the way: read again with the coordinates last, so that the fault has the id.
            return ReadCoordinatesLast(json, idProperty);
        }
    }

    private static Parts ReadCoordinatesLast(ReadOnlySpan<byte> json, string? idProperty)
    {
        try
        {
            return Read(json, idProperty, inline: false);
        }
        catch (InvalidOperationException e)
        {
            // A string that is not UTF-8 (the id, a type): the reader refuses to decode it; a fault of the feature, not a crash.
            return new Parts(null, null, null, EdgeText.ZoneUnreadable, e.Message);
        }
    }

    /// <summary>
    /// One reading of <paramref name="json"/>. <paramref name="inline"/>: coordinates whose type is already known are
    /// built as the reader meets them (one pass over them, the common case: writers put <c>type</c> first), throwing on a
    /// malformed one; otherwise, and for coordinates that precede their type, their bytes are noted and built at the
    /// end, a fault then becoming a problem.
    /// </summary>
    private static Parts Read(ReadOnlySpan<byte> json, string? idProperty, bool inline)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return new Parts(null, null, null, EdgeText.ZoneNotFeature);
        }

        string? type = null, id = null, chosen = null;
        var bare = default(Shape);
        Shape? inner = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "type" when reader.TokenType == JsonTokenType.String:
                    type = reader.GetString();
                    bare.Kind = type;
                    break;
                case "id" when reader.TokenType is JsonTokenType.String or JsonTokenType.Number:
                    id = Text(ref reader, json);
                    break;
                case "properties" when reader.TokenType == JsonTokenType.StartObject && idProperty is not null:
                    chosen = Property(ref reader, json, idProperty);
                    break;
                case "geometry" when reader.TokenType == JsonTokenType.StartObject:
                    inner = Geometry(ref reader, inline);
                    break;
                case "coordinates":
                    bare.Take(ref reader, inline);
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
            return bare.Build(id, json);
        }

        return inner is { } shape ? shape.Build(id, json) : new Parts(id, null, null, null); // the validator names a missing geometry
    }

    /// <summary>A geometry object's type and coordinates; the reader is on its StartObject and ends on its EndObject.</summary>
    private static Shape Geometry(ref Utf8JsonReader reader, bool inline)
    {
        var shape = default(Shape);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (name == "type" && reader.TokenType == JsonTokenType.String)
            {
                shape.Kind = reader.GetString();
            }
            else if (name == "coordinates")
            {
                shape.Take(ref reader, inline);
            }
            else
            {
                reader.Skip();
            }
        }

        return shape;
    }

    private static bool IsMalformed(Exception e) => e is JsonException or ArgumentException or InvalidOperationException or FormatException;

    private static bool IsArea(string? kind) => kind is "Polygon" or "MultiPolygon";

    /// <summary>An area's coordinates; the reader is on their StartArray and ends on their EndArray. Throws when malformed.</summary>
    private static Geometry Area(ref Utf8JsonReader reader, string kind)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        if (kind == "Polygon")
        {
            return Polygon(ref reader);
        }

        var polygons = new List<Polygon>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            Expect(ref reader, JsonTokenType.StartArray);
            polygons.Add(Polygon(ref reader));
        }

        return Factory.CreateMultiPolygon([.. polygons]);
    }

    /// <summary>A geometry's type and its coordinates: built already, or their bytes to build (or none met).</summary>
    private struct Shape
    {
        public string? Kind;
        private Geometry? _built;
        private Range _coordinates;
        private bool _met;

        /// <summary>Takes the coordinates the reader is on: built at once when <paramref name="inline"/> and the type is known, else noted.</summary>
        public void Take(ref Utf8JsonReader reader, bool inline)
        {
            _met = true;
            if (inline && IsArea(Kind))
            {
                _built = Area(ref reader, Kind!);
                return;
            }

            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            _coordinates = start..(int)reader.BytesConsumed;
        }

        /// <summary>The parts of a zone of this shape; coordinates noted are built here, a malformed one giving a problem.</summary>
        public readonly Parts Build(string? id, ReadOnlySpan<byte> json)
        {
            if (!IsArea(Kind))
            {
                return new Parts(id, Kind, null, null);
            }

            if (!_met)
            {
                return new Parts(id, Kind, null, EdgeText.ZoneNoCoordinates);
            }

            if (_built is not null)
            {
                return new Parts(id, Kind, _built, null);
            }

            try
            {
                var reader = new Utf8JsonReader(json[_coordinates]);
                reader.Read();
                return new Parts(id, Kind, Area(ref reader, Kind!), null);
            }
            catch (Exception e) when (IsMalformed(e))
            {
                // NTS refuses unclosed rings and rings of fewer than four points while building them.
                return new Parts(id, Kind, null, EdgeText.ZoneUnreadable, e.Message);
            }
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
                var x = Number(ref reader);
                reader.Read();
                var y = Number(ref reader);
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

    /// <summary>
    /// The number the reader is on, the value <see cref="Utf8JsonReader.GetDouble"/> gives, read directly when it is a
    /// plain decimal; throws as GetDouble does on anything that is not a number.
    /// </summary>
    /// <remarks>The reader has already checked the JSON number grammar; <see cref="PlainDecimal"/> reads most coordinates (40 % of a zone's parse through GetDouble).</remarks>
    internal static double Number(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number || reader.HasValueSequence)
        {
            return reader.GetDouble();
        }

        return PlainDecimal.TryRead(reader.ValueSpan, out var value) ? value : reader.GetDouble();
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
