namespace Geographie.Domain;

/// <summary>The one text for a filter value that is not among the known ones (défis, orientations, registres…).</summary>
public static class KnownValues
{
    /// <summary>
    /// "unknown <paramref name="name"/> '<paramref name="shown"/>'; expected one of: …". <paramref name="shown"/> is the
    /// value as the caller may see it (an edge escapes what it echoes).
    /// </summary>
    public static string UnknownMessage(string name, string shown, IEnumerable<string> known) =>
        $"unknown {name} '{shown}'; expected one of: {string.Join(", ", known)}";
}
