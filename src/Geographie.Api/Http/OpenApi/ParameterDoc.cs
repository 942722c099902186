using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Geographie.Api.Http.OpenApi;

/// <summary>
/// What the OpenAPI document says of one parameter: its JSON type, a description, an example (a real value from the
/// shipped data), and the values it takes when they are a closed list. The handlers read parameters as text, to
/// answer a bad value with a message naming it; this is the type a client should send.
/// </summary>
/// <param name="Type">The JSON schema type.</param>
/// <param name="Description">What the parameter does, in the caller's words.</param>
/// <param name="Example">A value that works with the other examples of the operation; null where none fits alone.</param>
/// <param name="Values">The closed list of values, or null.</param>
/// <param name="Format">The OpenAPI format (double, int32, date), or null.</param>
/// <param name="Minimum">The smallest value of a number, or null.</param>
/// <param name="Maximum">The largest value of a number, or null.</param>
public sealed record ParameterDoc(
    JsonSchemaType Type, string Description, object? Example = null, IReadOnlyList<string>? Values = null,
    string? Format = null, double? Minimum = null, double? Maximum = null)
{
    /// <summary>A text parameter.</summary>
    public static ParameterDoc Text(string description, string? example = null) => new(JsonSchemaType.String, description, example);

    /// <summary>A text parameter taking one of <paramref name="values"/>.</summary>
    public static ParameterDoc OneOf(string description, IReadOnlyList<string> values, string? example = null) =>
        new(JsonSchemaType.String, description, example, values);

    /// <summary>A decimal number.</summary>
    public static ParameterDoc Number(string description, double? example, double? minimum = null, double? maximum = null) =>
        new(JsonSchemaType.Number, description, example, Format: "double", Minimum: minimum, Maximum: maximum);

    /// <summary>A whole number.</summary>
    public static ParameterDoc Integer(string description, int? example, int? minimum = null, int? maximum = null) =>
        new(JsonSchemaType.Integer, description, example, Format: "int32", Minimum: minimum, Maximum: maximum);

    /// <summary>The schema of the parameter.</summary>
    public OpenApiSchema Schema() => new()
    {
        Type = Type,
        Format = Format,
        Enum = Values?.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
        Minimum = Minimum?.ToString(CultureInfo.InvariantCulture),
        Maximum = Maximum?.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The example as a JSON value, or null.</summary>
    public JsonNode? ExampleNode() => Example switch
    {
        null => null,
        int i => JsonValue.Create(i),
        double d => JsonValue.Create(d),
        _ => JsonValue.Create(Example.ToString()),
    };
}
