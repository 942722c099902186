using Geographie.Import.Addresses;
using Geographie.Testing;

namespace Geographie.Addresses.Addok.Tests;

/// <summary>The real BAL extract shipped in geodata/addresses (Mont-Bonvillers, INSEE 54084): what the addok-format server answers with.</summary>
internal static class MontBonvillers
{
    private static readonly Lazy<IReadOnlyList<AddressRecord>> Records = new(() => AddressFileReader.Read(Geodata.Path("addresses/bal_54084_mont-bonvillers.csv"), out _));

    public static IReadOnlyList<AddressRecord> Addresses => Records.Value;

    /// <summary>The shipped addresses with a house number, in file order.</summary>
    public static IEnumerable<AddressRecord> Numbered => Addresses.Where(a => a.Number > 0);

    /// <summary>The free text of an address as a person would write it: number, suffix, street, commune.</summary>
    public static string Text(AddressRecord a) => $"{a.Number}{(a.Suffix is null ? "" : " " + a.Suffix)} {a.Street} {a.CommuneName}";
}
