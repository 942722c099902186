using Geographie.Domain.Texts;

namespace Geographie.Domain;

/// <summary>The one text for a filter value that is not among the known ones (défis, orientations, registres…).</summary>
public static class KnownValues
{
    /// <summary>
    /// "<paramref name="name"/> '<paramref name="shown"/>' inconnu ; valeurs possibles : …" in <paramref name="language"/>.
    /// <paramref name="shown"/> is the value as the caller may see it (an edge escapes what it echoes).
    /// </summary>
    public static string UnknownMessage(Language language, string name, string shown, IEnumerable<string> known) =>
        DomainTexts.Catalogue.Format(language, DomainText.UnknownValue, name, shown, string.Join(", ", known));
}
