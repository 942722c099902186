using Geographie.Addresses;
using Geographie.Import.Addresses;
using Geographie.Testing;

namespace Geographie.Addresses.Tests;

public sealed class AddressFileReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("geographie-addresses-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_real_BAL_extract_reads_as_486_addresses()
    {
        // geodata/addresses: 486 rows after the header (the last line has no line break, so wc -l shows 486 lines).
        var records = AddressFileReader.Read(Geodata.Path(MontBonvillers.File), out var format);
        Assert.Equal(AddressFileReader.Format.Bal, format);
        Assert.Equal(486, records.Count);
        Assert.Equal(new AddressRecord("54084_0200_00001", "54084", "Mont-Bonvillers", null, "Rue Joffre", 1, null, 5.833622, 49.322203), records[0]);
        Assert.Contains(records, r => r is { Street: "Rue de la République", Number: 19, Suffix: "bis" });
    }

    [Fact]
    public void A_BAN_file_is_recognised_by_its_header_and_keeps_its_postcode()
    {
        // Test-only: two real BAL rows of the extract rewritten in the BAN column layout (54111 is Mont-Bonvillers' postcode).
        var path = Write("ban.csv",
            "id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;code_insee_ancienne_commune;nom_ancienne_commune;x;y;lon;lat",
            "54084_0200_00001;;1;;Rue Joffre;54111;54084;Mont-Bonvillers;;;906010.92;6917321.29;5.833622;49.322203",
            "54084_0200_00002;;2;bis;Rue Joffre;54111;54084;Mont-Bonvillers;;;906030.59;6917318.43;5.833891;49.322171");
        var records = AddressFileReader.Read(path, out var format);
        Assert.Equal(AddressFileReader.Format.Ban, format);
        Assert.Equal(("54111", "bis"), (records[1].Postcode, records[1].Suffix));
    }

    [Theory]
    [InlineData(";54084_0200_00001;54084;Mont-Bonvillers;;;Rue Joffre;;1;;segment;0;0;5.83;49.32;;;;0", "cle_interop '54084_0200_00001' appears twice")]
    [InlineData(";54084_x;54084;Mont-Bonvillers;;;Rue Joffre;;un;;segment;0;0;5.83;49.32;;;;0", "numero 'un' is not a house number")]
    [InlineData(";54084_x;54084;Mont-Bonvillers;;;Rue Joffre;;1;;segment;0;0;49.32;5.83;;;;0", "is not a WGS84 position in France")]
    [InlineData(";54084_x;54084;Mont-Bonvillers;;;;;1;;segment;0;0;5.83;49.32;;;;0", "voie_nom is empty")]
    public void A_bad_row_refuses_the_file_naming_its_line(string badRow, string problem)
    {
        // Test-only: the real file's header and first rows, then one broken row on line 4.
        var lines = File.ReadLines(Geodata.Path(MontBonvillers.File)).Take(3).Append(badRow).ToArray();
        var error = Assert.Throws<InvalidDataException>(() => AddressFileReader.Read(Write("bad.csv", lines), out _));
        Assert.Contains("line 4:", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void A_file_of_another_kind_is_refused_by_its_header()
    {
        var error = Assert.Throws<InvalidDataException>(() => AddressFileReader.Read(Write("other.csv", "code_qp,lib_qp,insee_com,lib_com"), out _));
        Assert.Contains("neither a BAL file", error.Message);
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
