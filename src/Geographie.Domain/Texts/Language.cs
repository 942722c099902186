namespace Geographie.Domain.Texts;

/// <summary>
/// The languages answers are written in. French is the default (the users are French public services); English is
/// asked for. Status codes, field names and other machine-readable values do not depend on it.
/// </summary>
public enum Language
{
    /// <summary>French, the default.</summary>
    French,

    /// <summary>English.</summary>
    English,
}
