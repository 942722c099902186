using Geographie.Domain.Geography;
using Geographie.Import.Files;
using Geographie.Import.Register;
using Geographie.Import.Shipped;

namespace Geographie.Import.Tests.Shipped;

/// <summary>The snapshot data read from geodata/ without a database holds what the shipped files hold.</summary>
public sealed class ShippedFilesSourceTests
{
    private static readonly string Geodata = ShippedGeodata.Find();

    [Fact]
    public async Task Every_register_row_and_every_Lyon_perimeter_becomes_a_quartier()
    {
        var source = new ShippedFilesSource(Geodata, revision: 7);

        var data = await source.ReadAsync();

        var register = RegisterCsvReader.Read(Path.Combine(Geodata, "qpv2024/registre_qpv2024_par_commune.csv"), GeographyVersions.Qpv2024);
        var lyon = GeoJsonFeatureReader.Read(Path.Combine(Geodata, "qpv2015/qpv2015_metropole_lyon.geojson")).Features;
        Assert.Equal(7, data.Revision);
        Assert.Equal(7, await source.ReadRevisionAsync());
        Assert.Equal(register.Select(e => e.Code).Order(StringComparer.Ordinal),
            data.Quartiers.Where(q => q.Version == "qpv2024").Select(q => q.Code));
        Assert.All(data.Quartiers.Where(q => q.Version == "qpv2024"), q => Assert.Null(q.Perimeter));
        var lyon2015 = data.Quartiers.Where(q => q.Version == "qpv2015").ToArray();
        Assert.Equal(lyon.Count, lyon2015.Length);
        Assert.All(lyon2015, q => Assert.True(q.Perimeter!.IsValid && q.AreaM2 > 0 && q.Communes.Count > 0, q.Code));
    }

    [Fact]
    public void Communes_have_the_outlines_names_and_the_register_adds_those_without_outline()
    {
        var data = new ShippedFilesSource(Geodata).Read();
        var outlines = CommuneOutlineReader.Read(Path.Combine(Geodata, "admin/communes_13.geojson"));

        var marseille = data.Communes.Single(c => c.Insee == "13055");
        Assert.Equal(outlines.Single(c => c.Insee == "13055").Name, marseille.Name);
        Assert.NotNull(marseille.Outline);
        Assert.Equal("13", marseille.Departement);
        Assert.Contains(data.Communes, c => c.Outline is null);
        Assert.Equal(data.Communes.Select(c => c.Insee).Order(StringComparer.Ordinal), data.Communes.Select(c => c.Insee));
    }

    [Fact]
    public void A_folder_without_the_files_is_an_error_naming_the_missing_file()
    {
        var empty = Directory.CreateTempSubdirectory("geographie-nogeodata-").FullName;
        try
        {
            var error = Assert.ThrowsAny<IOException>(() => new ShippedFilesSource(empty).Read());
            Assert.Contains("communes_13.geojson", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}
