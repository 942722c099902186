using NetTopologySuite.Geometries;

namespace Geographie.Import.Files;

/// <summary>
/// One feature as read from a file, before any interpretation: its 0-based position, its attributes
/// (names compared case-insensitively, values as text) and its geometry in the file's own CRS.
/// <see cref="GeometryError"/> says why the geometry could not be read (for example an unclosed ring).
/// </summary>
public sealed record SourceFeature(
    int Index,
    IReadOnlyDictionary<string, string?> Attributes,
    Geometry? Geometry,
    string? GeometryError)
{
    /// <summary>The first non-blank value among <paramref name="names"/>, trimmed, or null.</summary>
    public string? Attribute(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (Attributes.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }
        return null;
    }
}
