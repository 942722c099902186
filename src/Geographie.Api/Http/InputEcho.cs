namespace Geographie.Api.Http;

/// <summary>
/// Caller input quoted back in an error message: cut to <see cref="MaxChars"/> characters and stripped of control
/// characters, so a message stays one readable line whatever was sent. HTML-sensitive characters are escaped by the
/// JSON encoder of every answer (see <c>GeographieHostExtensions</c>), not here, because CSV answers carry the same
/// reasons and must keep the text as sent.
/// </summary>
public static class InputEcho
{
    /// <summary>Longest piece of input quoted back.</summary>
    public const int MaxChars = 64;

    /// <summary>The text as it may appear in a message (without the quotes around it).</summary>
    public static string Quote(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        var cut = text.Length > MaxChars ? text[..MaxChars] + "…" : text;
        return string.Create(cut.Length, cut, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }
}
