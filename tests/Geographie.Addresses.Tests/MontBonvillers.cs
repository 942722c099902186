using Geographie.Addresses;
using Geographie.Import.Addresses;
using Geographie.Testing;

namespace Geographie.Addresses.Tests;

/// <summary>The real BAL extract shipped in geodata/addresses (485 addresses of Mont-Bonvillers, INSEE 54084).</summary>
internal static class MontBonvillers
{
    public const string File = "addresses/bal_54084_mont-bonvillers.csv";

    public static IReadOnlyList<AddressRecord> Read() => AddressFileReader.Read(Geodata.Path(File), out _);

    /// <summary>The free text of an address as a person would write it: number, suffix, street, commune.</summary>
    public static string Text(AddressRecord a, string? street = null) =>
        $"{(a.Number > 0 ? a.Number + (a.Suffix is null ? "" : " " + a.Suffix) + " " : "")}{street ?? a.Street} {a.CommuneName}";
}
