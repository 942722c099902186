using System.Text;

namespace Geographie.Domain.Texts;

/// <summary>
/// Text as people type it when they search: without case, accents or ligatures ("Duchère", "DUCHERE" and "duchere"
/// fold alike; "Cœur" folds as "coeur"). French letters are folded by a table rather than by Unicode normalisation,
/// which needs ICU and the service runs in invariant globalisation mode. Thread-safe.
/// </summary>
public static class TextFolding
{
    private const string Accented = "àâäáãåçéèêëíìîïñóòôöõúùûüýÿ";
    private const string Plain = "aaaaaaceeeeiiiinooooouuuuyy";

    /// <summary>The folded form of <paramref name="text"/>: lower case, accents removed, œ/æ spelt out.</summary>
    public static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var lower = char.ToLowerInvariant(c);
            var accent = Accented.IndexOf(lower, StringComparison.Ordinal);
            if (accent >= 0)
            {
                folded.Append(Plain[accent]);
            }
            else if (lower == 'œ')
            {
                folded.Append("oe");
            }
            else if (lower == 'æ')
            {
                folded.Append("ae");
            }
            else
            {
                folded.Append(lower);
            }
        }
        return folded.ToString();
    }

    /// <summary>Whether <paramref name="text"/> holds <paramref name="folded"/> (already folded) once folded.</summary>
    public static bool Holds(string text, string folded) => Fold(text).Contains(folded, StringComparison.Ordinal);
}
