using System.Text.Json;
using System.Text.Json.Serialization;

namespace Geographie.Domain.Contrat;

/// <summary>
/// Where a projet applies. Spelled in lowercase (<c>metropole</c>, <c>communes</c>, <c>quartiers</c>) in the data
/// files, the database and the REST answers: see <see cref="ProjetScopeKinds"/>.
/// </summary>
[JsonConverter(typeof(ProjetScopeKindJsonConverter))]
public enum ProjetScopeKind
{
    /// <summary>All quartiers of the Métropole.</summary>
    Metropole,

    /// <summary>The quartiers of the listed INSEE communes.</summary>
    Communes,

    /// <summary>The listed QPV codes.</summary>
    Quartiers,
}

/// <summary>The one spelling of each <see cref="ProjetScopeKind"/>, shared by every reader and writer.</summary>
public static class ProjetScopeKinds
{
    private static readonly Dictionary<string, ProjetScopeKind> BySpelling =
        Enum.GetValues<ProjetScopeKind>().ToDictionary(Spelling, StringComparer.Ordinal);

    /// <summary>The spellings, in declaration order, for messages listing what is accepted.</summary>
    public static string Accepted { get; } = string.Join(", ", BySpelling.Keys);

    /// <summary>The kind's spelling: its name in lowercase.</summary>
    public static string Spelling(this ProjetScopeKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The kind spelled exactly <paramref name="spelling"/>, if any (no case folding: the files are strict).</summary>
    public static bool TryParse(string spelling, out ProjetScopeKind kind) => BySpelling.TryGetValue(spelling, out kind);
}

/// <summary>
/// Reads and writes a <see cref="ProjetScopeKind"/> as its spelling wherever it is serialized (data files, database
/// records, REST). Unlike JsonStringEnumConverter, an unknown kind is refused with a message naming it.
/// </summary>
public sealed class ProjetScopeKindJsonConverter : JsonConverter<ProjetScopeKind>
{
    /// <inheritdoc />
    public override ProjetScopeKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"scope kind must be a string ({ProjetScopeKinds.Accepted}), not {reader.TokenType}");
        }

        var spelling = reader.GetString()!;
        return ProjetScopeKinds.TryParse(spelling, out var kind)
            ? kind
            : throw new JsonException($"unknown scope kind '{spelling}' ({ProjetScopeKinds.Accepted})");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ProjetScopeKind value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Spelling());
}
