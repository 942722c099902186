using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Geographie.Import.Csv;
using Geographie.Import.Files;
using Geographie.Testing;

namespace Geographie.Api.Tests.Csv;

/// <summary>
/// CSV files as French users have them: Excel FR's "CSV (séparateur : point-virgule)" (Windows-1252, semicolons,
/// decimal commas), tab-separated text, HTML form uploads. The rows are real: one interior point per shipped Lyon 2015
/// perimeter, with its quartier's and commune's names as written in the shipped file (accents included).
/// </summary>
public sealed class ExcelCsvTests : IClassFixture<GeographieApp>
{
    private static readonly Encoding Windows1252 = CsvEncoding.Windows1252;
    private const string CsvUploadField = "file";

    // Numbers as French Excel writes them (the machines run in invariant globalization mode: no fr-FR culture).
    private static readonly NumberFormatInfo French = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u202F" };

    private readonly GeographieApp _app;

    public ExcelCsvTests(GeographieApp app) => _app = app;

    private sealed record Place(string Code, string Name, string Commune, double Lon, double Lat);

    private static IReadOnlyList<Place> LyonPlaces { get; } =
        GeoJsonFeatureReader.Read(Geodata.Path("qpv2015/qpv2015_metropole_lyon.geojson")).Features
            .Select(f => (Feature: f, Inside: f.Geometry!.InteriorPoint.Coordinate))
            .Select(p => new Place(p.Feature.Attribute("CODE_QP")!, p.Feature.Attribute("Nom du QPV")!, p.Feature.Attribute("Commune")!, p.Inside.X, p.Inside.Y))
            .ToArray();

    // What Excel FR writes: semicolons, numbers with the decimal comma of the French culture, CRLF.
    private static string ExcelFrench(IEnumerable<Place> places) =>
        "code;nom;commune;longitude;latitude\r\n" + string.Concat(places.Select(p =>
            $"{p.Code};{p.Name};{p.Commune};{p.Lon.ToString("R", French)};{p.Lat.ToString("R", French)}\r\n"));

    private static ByteArrayContent Body(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        return content;
    }

    private static IReadOnlyList<IReadOnlyList<string>> Rows(string text, out IReadOnlyList<string> header, out char delimiter)
    {
        using var csv = CsvRowReader.Open(new StringReader(text), out var read);
        var rows = new List<IReadOnlyList<string>>();
        while (csv.ReadRow() is { } row)
        {
            rows.Add(row);
        }
        header = read!;
        delimiter = csv.Delimiter;
        return rows;
    }

    private static void AssertEveryPlaceFoundInside(IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<string> header)
    {
        int Column(string name) => header.ToList().IndexOf(name);
        Assert.Equal(LyonPlaces.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(LyonPlaces[i].Name, rows[i][Column("nom")]);
            Assert.Equal(LyonPlaces[i].Commune, rows[i][Column("commune")]);
            Assert.Equal("INSIDE", rows[i][Column("status")]);
            Assert.Equal(LyonPlaces[i].Code, rows[i][Column("quartier_code")]);
            Assert.Equal(LyonPlaces[i].Name, rows[i][Column("quartier_name")]);
        }
    }

    [Fact]
    public async Task An_Excel_FR_file_in_Windows_1252_is_read_right_and_answered_as_Excel_FR_opens_it()
    {
        var bytes = Windows1252.GetBytes(ExcelFrench(LyonPlaces));
        Assert.Contains(LyonPlaces, p => p.Commune.Any(c => c > 127));

        var response = await _app.Client.PostAsync("/v1/eligibility/batch?geography=qpv2015", Body(bytes, "text/csv"));
        var answer = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("eligibilite.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal([0xEF, 0xBB, 0xBF], answer[..3]);
        var rows = Rows(Encoding.UTF8.GetString(answer), out var header, out var delimiter);
        Assert.Equal(';', delimiter);
        AssertEveryPlaceFoundInside(rows, header);
        var distances = rows.Select(r => r[header.ToList().IndexOf("distance_m")]).ToArray();
        Assert.All(distances, d => Assert.DoesNotContain('.', d));
        Assert.All(distances, d => Assert.True(double.Parse(d, NumberStyles.Float, French) > 0, d));
    }

    [Fact]
    public async Task A_declared_charset_is_honoured_where_the_detected_prefix_is_plain_ASCII()
    {
        // More than the detection prefix of rows without accents, then the real names: only the charset can tell.
        var plain = LyonPlaces.Select(p => p with { Name = p.Code, Commune = p.Code }).ToArray();
        var padding = new StringBuilder();
        while (padding.Length <= CsvEncoding.DetectionPrefixBytes)
        {
            padding.Append(ExcelFrench(plain).Split("\r\n", 2)[1]);
        }
        var bytes = Windows1252.GetBytes(ExcelFrench(LyonPlaces).Replace("latitude\r\n", "latitude\r\n" + padding, StringComparison.Ordinal));

        var response = await _app.Client.PostAsync("/v1/eligibility/batch?geography=qpv2015", Body(bytes, "text/csv; charset=windows-1252"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = Rows(await response.Content.ReadAsStringAsync(), out var header, out _);
        var accented = rows.Skip(rows.Count - LyonPlaces.Count).ToArray();
        AssertEveryPlaceFoundInside(accented, header);
    }

    [Fact]
    public async Task A_tab_separated_file_is_answered_tab_separated_and_format_chooses_another_dialect()
    {
        var tsv = ExcelFrench(LyonPlaces).Replace(';', '\t');

        var mirrored = await _app.Client.PostAsync("/v1/eligibility/batch?geography=qpv2015", Body(Encoding.UTF8.GetBytes(tsv), "text/tab-separated-values"));
        var asCsv = await _app.Client.PostAsync("/v1/eligibility/batch?geography=qpv2015&format=csv", Body(Encoding.UTF8.GetBytes(tsv), "text/csv"));
        var unknown = await _app.Client.PostAsync("/v1/eligibility/batch?format=xlsx", Body(Encoding.UTF8.GetBytes(tsv), "text/csv"));

        Assert.Equal("text/tab-separated-values", mirrored.Content.Headers.ContentType?.MediaType);
        var tabRows = Rows(await mirrored.Content.ReadAsStringAsync(), out var tabHeader, out var tab);
        Assert.Equal('\t', tab);
        AssertEveryPlaceFoundInside(tabRows, tabHeader);
        var csvBytes = await asCsv.Content.ReadAsByteArrayAsync();
        Assert.NotEqual(0xEF, csvBytes[0]);
        var csvRows = Rows(Encoding.UTF8.GetString(csvBytes), out var csvHeader, out var comma);
        Assert.Equal(',', comma);
        AssertEveryPlaceFoundInside(csvRows, csvHeader);
        var distance = csvHeader.ToList().IndexOf("distance_m");
        Assert.All(csvRows, r => Assert.True(double.Parse(r[distance], NumberStyles.Float, CultureInfo.InvariantCulture) > 0, r[distance]));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("csv-excel-fr", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_HTML_form_upload_is_answered_with_a_download_named_after_the_file()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("une note avant le fichier"), "note" },
            { Body(Windows1252.GetBytes(ExcelFrench(LyonPlaces)), "application/vnd.ms-excel"), CsvUploadField, "quartiers lyon.csv" },
        };
        using var withoutFile = new MultipartFormDataContent { { new StringContent("rien"), "note" } };

        var response = await _app.Client.PostAsync("/v1/eligibility/batch?geography=qpv2015", form);
        var refused = await _app.Client.PostAsync("/v1/eligibility/batch", withoutFile);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("quartierslyon-eligibilite.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var rows = Rows(await response.Content.ReadAsStringAsync(), out var header, out _);
        AssertEveryPlaceFoundInside(rows, header);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains($"'{CsvUploadField}'", (await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_charset_is_refused_with_a_reason()
    {
        var response = await _app.Client.PostAsync("/v1/eligibility/batch",
            Body(Encoding.UTF8.GetBytes(ExcelFrench(LyonPlaces)), "text/csv; charset=klingon"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("klingon", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_summary_and_the_overlaps_write_the_Excel_FR_dialect_too()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/eligibility/summary?geography=qpv2015")
        {
            Content = Body(Windows1252.GetBytes(ExcelFrench(LyonPlaces)), "text/csv"),
        };
        request.Headers.Accept.ParseAdd("text/csv");
        var summary = await _app.Client.SendAsync(request);
        var plain = await _app.Client.GetStringAsync("/v1/overlaps/communes?geography=qpv2015&departement=69&format=csv");
        var excel = await _app.Client.GetAsync("/v1/overlaps/communes?geography=qpv2015&departement=69&format=csv-excel-fr");

        var summaryBytes = await summary.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], summaryBytes[..3]);
        var counted = Rows(Encoding.UTF8.GetString(summaryBytes), out _, out var summaryDelimiter);
        Assert.Equal(';', summaryDelimiter);
        Assert.Equal(LyonPlaces.Count, counted.Where(r => r[0] == "quartier" && r[4] == "INSIDE").Sum(r => int.Parse(r[5], CultureInfo.InvariantCulture)));
        Assert.Equal("attachment", summary.Content.Headers.ContentDisposition?.DispositionType);

        var commaRows = Rows(plain, out var commaHeader, out _);
        var excelRows = Rows(await excel.Content.ReadAsStringAsync(), out var excelHeader, out var excelDelimiter);
        Assert.Equal(';', excelDelimiter);
        Assert.Equal(commaHeader, excelHeader);
        var area = commaHeader.ToList().IndexOf("intersection_m2");
        Assert.Equal(
            commaRows.Select(r => r[area].Length == 0 ? (double?)null : double.Parse(r[area], CultureInfo.InvariantCulture)),
            excelRows.Select(r => r[area].Length == 0 ? (double?)null : double.Parse(r[area], French)));
        Assert.Contains(excelRows, r => r[area].Contains(','));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_character_cut_by_the_detection_prefix_is_not_taken_for_Windows_1252(bool cut)
    {
        var saone = Encoding.UTF8.GetBytes("Neuville-sur-Saône");
        var prefix = saone.AsSpan(0, Array.IndexOf(saone, (byte)0xC3) + 1);

        // Cut by the prefix, the ô may go on past it; at the end of the input it is broken UTF-8.
        Assert.Equal(cut ? Encoding.UTF8.CodePage : 1252, CsvEncoding.Detect(prefix, complete: !cut).CodePage);
        Assert.Equal(1252, CsvEncoding.Detect(Windows1252.GetBytes("Neuville-sur-Saône"), complete: true).CodePage);
        Assert.Equal(Encoding.UTF8.CodePage, CsvEncoding.Detect(saone, complete: true).CodePage);
    }
}
