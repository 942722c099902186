using System.Text;
using Geographie.Import.Csv;
using Geographie.Import.Files;
using Geographie.Import.Shipped;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;

namespace Geographie.Import.Tests;

/// <summary>
/// Shapefile attributes decoded with the code page the file declares: the real register names with "œ" (0x9C in
/// Windows-1252, a control character in Latin-1) come back as written, whether the .cpg says so or only the .dbf.
/// </summary>
public sealed class ShapefileEncodingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("geographie-shp-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    static ShapefileEncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The register's quartiers whose names hold "œ", with their codes (22 rows in the shipped register).</summary>
    private static (string Code, string Name)[] NamesWithOe()
    {
        using var csv = CsvRowReader.Open(new StreamReader(Path.Combine(ShippedGeodata.Find(), "qpv2024/registre_qpv2024_par_commune.csv")), out var header);
        var names = new Dictionary<string, string>();
        while (csv.ReadRow() is { } row)
        {
            if (row[1].Contains('œ', StringComparison.Ordinal))
            {
                names[row[0]] = row[1];
            }
        }
        return names.Select(n => (n.Key, n.Value)).ToArray();
    }

    private string Write(string name, Encoding encoding, string? cpg)
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var features = NamesWithOe().Select((n, i) => (IFeature)new Feature(
            factory.CreatePoint(new Coordinate(5.0 + (i * 0.01), 45.0)),
            new AttributesTable { { "code_qp", n.Code }, { "lib_qp", n.Name } }));
        var path = Path.Combine(_folder, name + ".shp");
        Shapefile.WriteAllFeatures(features, path, encoding: encoding);
        var cpgPath = Path.ChangeExtension(path, ".cpg");
        if (cpg is null)
        {
            File.Delete(cpgPath);
        }
        else
        {
            File.WriteAllText(cpgPath, cpg);
        }
        return path;
    }

    [Theory]
    [InlineData("1252")]
    [InlineData("windows-1252")]
    [InlineData("CP1252")]
    public void Names_with_oe_written_in_Windows_1252_are_read_back_as_written(string cpg)
    {
        var expected = NamesWithOe();
        Assert.NotEmpty(expected);
        var path = Write("cp1252_" + cpg, Encoding.GetEncoding(1252), cpg);

        var read = ShapefileFeatureReader.Read(path).Features.Select(f => (f.Attribute("code_qp") ?? "", f.Attribute("lib_qp") ?? "")).ToArray();

        Assert.Equal(expected, read);
    }

    [Fact]
    public void A_dbf_whose_language_driver_says_ANSI_is_read_as_Windows_1252_without_a_cpg()
    {
        var path = Write("ldid", Encoding.GetEncoding(1252), cpg: null);
        var dbf = Path.ChangeExtension(path, ".dbf");
        var bytes = File.ReadAllBytes(dbf);
        bytes[29] = 0x57;
        File.WriteAllBytes(dbf, bytes);

        var read = ShapefileFeatureReader.Read(path).Features.Select(f => f.Attribute("lib_qp")).ToArray();

        Assert.Equal(NamesWithOe().Select(n => n.Name), read);
    }

    [Fact]
    public void A_utf8_file_stays_utf8_and_an_unknown_code_page_is_refused_by_name()
    {
        var utf8 = Write("utf8", Encoding.UTF8, "UTF-8");
        Assert.Equal(NamesWithOe().Select(n => n.Name), ShapefileFeatureReader.Read(utf8).Features.Select(f => f.Attribute("lib_qp")));

        var unknown = Write("unknown", Encoding.UTF8, "KLINGON-7");
        var error = Assert.Throws<InvalidDataException>(() => ShapefileFeatureReader.Read(unknown));
        Assert.Contains("KLINGON-7", error.Message);
    }
}
