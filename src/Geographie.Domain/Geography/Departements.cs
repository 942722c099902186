namespace Geographie.Domain.Geography;

/// <summary>French département codes derived from INSEE commune codes.</summary>
public static class Departements
{
    /// <summary>
    /// The département of a commune: the first three characters overseas (971–978), the first two elsewhere (13, 2A).
    /// </summary>
    public static string OfCommune(string inseeCommune)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inseeCommune);
        return inseeCommune.StartsWith("97", StringComparison.Ordinal) ? inseeCommune[..3] : inseeCommune[..2];
    }

    /// <summary>True for the overseas départements and collectivités (97x).</summary>
    public static bool IsOverseas(string departement) => departement.StartsWith("97", StringComparison.Ordinal);

    /// <summary>The département of a QPV code: QN013… → 13, QN02A… → 2A, QN971… → 971.</summary>
    public static string OfQuartierCode(string code)
    {
        var raw = code.Substring(2, 3);
        return raw.StartsWith("97", StringComparison.Ordinal) ? raw : raw.TrimStart('0').PadLeft(2, '0');
    }
}
