using System.Text.Json;
using Geographie.Api.Texts;
using Geographie.Domain.Eligibility;

namespace Geographie.Api.Http;

/// <summary>
/// One point of a JSON batch, as text fields for <see cref="BatchDefaults.Read"/>. Read by hand from the JSON so
/// that a shape error names the item and the field in the caller's words (never a .NET type): the item must be an
/// object, numbers may be JSON numbers or strings, <c>id</c> any scalar, and an unknown field is refused rather
/// than ignored. Options are accepted in camelCase and in the snake_case of the query string and the proto.
/// </summary>
public sealed record JsonBatchItem(
    string? Id, string? Lon, string? Lat, string? X, string? Y, string? Geography, string? Date, string? Near, string? Uncertainty)
{
    private const string KnownFields = "id, lon, lat, x, y, geography, date, nearDistanceM, positionUncertaintyM, address, numero, voie, code_postal, commune, citycode";

    /// <summary>The item's address fields (free text <c>address</c> or structured), empty when it gives a point.</summary>
    public Geographie.Addresses.AddressQuery Address { get; init; } = new();

    /// <summary>Reads item number <paramref name="index"/> (0-based); the problem names <c>[index].field</c>.</summary>
    public static RequestProblem? TryRead(JsonElement element, int index, out JsonBatchItem item)
    {
        item = new JsonBatchItem(null, null, null, null, null, null, null, null, null);
        if (element.ValueKind != JsonValueKind.Object)
        {
            var kind = element.ValueKind;
            return new RequestProblem($"[{index}]", language => language.Say(EdgeText.ItemNotObject, index, language.Say(Describe(kind))));
        }
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            RequestProblem? problem = null;
            string? Number(string field) => Scalar(value, index, field, numeric: true, ref problem);
            string? Text(string field) => Scalar(value, index, field, numeric: false, ref problem);
            item = property.Name.ToLowerInvariant() switch
            {
                "id" => item with { Id = IdText(value, index, ref problem) },
                "lon" => item with { Lon = Number("lon") },
                "lat" => item with { Lat = Number("lat") },
                "x" => item with { X = Number("x") },
                "y" => item with { Y = Number("y") },
                "geography" => item with { Geography = Text("geography") },
                "date" => item with { Date = Text("date") },
                "neardistancem" or "near_distance_m" => item with { Near = Number("nearDistanceM") },
                "positionuncertaintym" or "position_uncertainty_m" => item with { Uncertainty = Number("positionUncertaintyM") },
                "address" => item with { Address = item.Address with { Text = Text("address") } },
                "numero" => item with { Address = item.Address with { Number = Number("numero") } },
                "voie" => item with { Address = item.Address with { Street = Text("voie") } },
                "code_postal" or "codepostal" => item with { Address = item.Address with { Postcode = Number("code_postal") } },
                "commune" => item with { Address = item.Address with { City = Text("commune") } },
                "citycode" => item with { Address = item.Address with { CityCode = Text("citycode") } },
                _ => Unknown(property.Name, index, item, ref problem),
            };
            if (problem is not null)
            {
                return problem;
            }
        }
        return null;
    }

    private static JsonBatchItem Unknown(string name, int index, JsonBatchItem item, ref RequestProblem? problem)
    {
        problem = new RequestProblem($"[{index}].{InputEcho.Quote(name)}",
            language => language.Say(EdgeText.ItemUnknownField, index, InputEcho.Quote(name), KnownFields));
        return item;
    }

    private static string? IdText(JsonElement value, int index, ref RequestProblem? problem) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => Wrong(index, "id", EdgeText.ExpectStringOrNumber, value.ValueKind, ref problem),
    };

    private static string? Scalar(JsonElement value, int index, string field, bool numeric, ref RequestProblem? problem) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number when numeric => value.GetRawText(),
        _ => Wrong(index, field, numeric ? EdgeText.ExpectNumber : EdgeText.ExpectString, value.ValueKind, ref problem),
    };

    private static string? Wrong(int index, string field, EdgeText expected, JsonValueKind kind, ref RequestProblem? problem)
    {
        problem = new RequestProblem($"[{index}].{field}",
            language => language.Say(EdgeText.ItemWrongType, index, field, language.Say(expected), language.Say(Describe(kind))));
        return null;
    }

    private static EdgeText Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => EdgeText.KindObject,
        JsonValueKind.Array => EdgeText.KindArray,
        JsonValueKind.String => EdgeText.KindString,
        JsonValueKind.Number => EdgeText.KindNumber,
        JsonValueKind.True or JsonValueKind.False => EdgeText.KindBoolean,
        _ => EdgeText.KindNull,
    };
}
