using System.Text.Json;
using Geographie.Domain.Contrat;

namespace Geographie.Import.Contrat;

/// <summary>
/// Reads the Contrat de ville data files of a folder (geodata/contrat: defis.json, orientations.json, projets.json,
/// chantiers.json, deliberations.json, territoires.json; format in its README). A missing required field or a
/// null where a value is needed is refused with the file and the JSON path of the record.
/// </summary>
public static class ContratFiles
{
    /// <summary>The files read, in order; their concatenated hash identifies a version of the data.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["defis.json", "orientations.json", "projets.json", "chantiers.json", "deliberations.json", "territoires.json"];

    /// <summary>
    /// The JSON conventions of the data files, also used to store records in PostGIS: camelCase, and strict about
    /// required and non-nullable values.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        // An unknown key is refused rather than silently dropped: nothing a staff member writes is lost.
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reads the folder; throws <see cref="InvalidDataException"/> naming the file and record at fault.</summary>
    public static ContratDeVille Load(string directory) => new(
        Read<List<Defi>>(directory, "defis.json"),
        Read<List<Orientation>>(directory, "orientations.json"),
        Read<List<Projet>>(directory, "projets.json"),
        Read<List<Chantier>>(directory, "chantiers.json"),
        Read<List<Deliberation>>(directory, "deliberations.json"),
        Read<Territoires>(directory, "territoires.json"));

    private static T Read<T>(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, Options) ?? throw new InvalidDataException($"{name} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{name} at {e.Path}: {e.Message}", e);
        }
        catch (FileNotFoundException)
        {
            throw new InvalidDataException($"{name} is missing from {directory}");
        }
    }
}
