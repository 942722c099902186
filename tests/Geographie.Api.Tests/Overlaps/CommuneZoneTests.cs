using System.Net.Http.Headers;
using System.Text;
using Geographie.Api.Http.Overlaps;
using Geographie.Domain.Geography;
using Geographie.Domain.Overlaps;
using Geographie.Domain.Quartiers;
using Geographie.Domain.Snapshots;
using Geographie.Domain.Texts;
using NetTopologySuite.Geometries;

namespace Geographie.Api.Tests.Overlaps;

/// <summary>
/// The commune routes (<c>GET /v1/overlaps/communes</c>, <c>GET /v1/overlaps?commune=</c>) measure zones their snapshot
/// validated once (<see cref="CommuneZones"/>) through the POST's chunks: every answer must be, byte for byte, what
/// measuring a freshly validated outline gives, whichever request validated it first, in whichever language, and a
/// reloaded snapshot must measure its own outlines.
/// </summary>
public sealed class CommuneZoneTests : IClassFixture<ReplaceableDataApp>
{
    private const string Vaulx = "69256";

    private readonly ReplaceableDataApp _app;

    public CommuneZoneTests(ReplaceableDataApp app) => _app = app;

    public static TheoryData<string, string, string> Tables()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var geography in new[] { "qpv2015", "qpv2024" })
        {
            foreach (var format in new[] { "json", "csv", "csv-excel-fr", "geojson" })
            {
                foreach (var language in new[] { "fr", "en" })
                {
                    cases.Add(geography, format, language);
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task The_table_is_what_freshly_validated_outlines_measure(string geography, string format, string language)
    {
        var snapshot = await _app.PublishAsync(_app.Shipped);
        Assert.Equal(397, snapshot.OutlinedCommunes.Count);

        var answer = await Get($"/v1/overlaps/communes?geography={geography}&format={format}", language);

        Assert.Equal(Text(await Expected(snapshot, geography, format, language, snapshot.OutlinedCommunes)), Text(answer));
    }

    [Fact]
    public async Task Each_commune_alone_answers_as_its_freshly_validated_outline()
    {
        var snapshot = await _app.PublishAsync(_app.Shipped);
        foreach (var geography in new[] { "qpv2015", "qpv2024" })
        {
            foreach (var commune in snapshot.OutlinedCommunes)
            {
                var answer = await Get($"/v1/overlaps?commune={commune.Insee}&geography={geography}", "fr");
                Assert.Equal(Text(await Expected(snapshot, geography, "json", "fr", [commune])), Text(answer));
            }
        }
    }

    [Fact]
    public async Task Concurrent_first_requests_of_a_new_snapshot_get_the_same_bytes()
    {
        // A new snapshot: no outline validated yet, so the requests race to validate the same communes.
        var snapshot = await _app.PublishAsync(_app.Shipped);
        var languages = Enumerable.Range(0, 8).Select(i => i % 2 == 0 ? "fr" : "en").ToArray();
        var answers = await Task.WhenAll(languages.Select(l => Task.Run(() => Get("/v1/overlaps/communes?geography=qpv2015", l))));

        foreach (var language in new[] { "fr", "en" })
        {
            var expected = Text(await Expected(snapshot, "qpv2015", "json", language, snapshot.OutlinedCommunes));
            Assert.All(answers.Where((_, i) => languages[i] == language), a => Assert.Equal(expected, Text(a)));
        }

        // Held by the snapshot, validated once: an outline that needed no repair is one zone for every language.
        var zones = snapshot.CommuneZones;
        for (var i = 0; i < zones.Communes.Count; i++)
        {
            var french = zones.At(i, Language.French)!;
            Assert.Null(french.Repair);
            Assert.Same(french, zones.At(i, Language.English));
        }
    }

    [Fact]
    public async Task A_reloaded_snapshot_measures_its_own_outlines()
    {
        var shipped = await _app.PublishAsync(_app.Shipped);
        var before = await Get($"/v1/overlaps?commune={Vaulx}&geography=qpv2015", "fr");
        Assert.Equal(Text(await Expected(shipped, "qpv2015", "json", "fr", [shipped.FindCommune(Vaulx)!])), Text(before));

        // TEST-ONLY outline: Vaulx-en-Velin's real outline moved 0.02° east (never QPV, not shipped), so that it no
        // longer holds all of the Grande Île quartier.
        var moved = await _app.PublishAsync(WithOutline(_app.Shipped, Vaulx, o => Shifted(o, 0.02)));
        var after = await Get($"/v1/overlaps?commune={Vaulx}&geography=qpv2015", "fr");
        var table = await Get("/v1/overlaps/communes?geography=qpv2015&departement=69", "fr");

        Assert.NotEqual(Text(before), Text(after));
        Assert.Equal(Text(await Expected(moved, "qpv2015", "json", "fr", [moved.FindCommune(Vaulx)!])), Text(after));
        Assert.Equal(Text(await Expected(moved, "qpv2015", "json", "fr", moved.OutlinedCommunes.Where(c => c.Departement == "69"))), Text(table));
    }

    [Fact]
    public async Task A_repaired_outline_notes_its_repair_in_each_requests_language()
    {
        // TEST-ONLY outline: Vaulx-en-Velin's real outline with two vertices of its shell, a quarter and three quarters
        // along it, swapped: its boundary crosses itself (never QPV, not shipped).
        var snapshot = await _app.PublishAsync(WithOutline(_app.Shipped, Vaulx, Crossed));
        var commune = snapshot.FindCommune(Vaulx)!;
        var english = ZoneValidator.Validate(Vaulx, commune.Outline, Language.English, out _)!.Repair;
        var french = ZoneValidator.Validate(Vaulx, commune.Outline, Language.French, out _)!.Repair;
        Assert.NotNull(english);
        Assert.NotEqual(french, english);

        // English first, so a zone kept for every language would give the French answer an English note.
        foreach (var language in new[] { "en", "fr", "en", "fr" })
        {
            var answer = await Get($"/v1/overlaps?commune={Vaulx}&geography=qpv2015&format=csv", language);
            Assert.Equal(Text(await Expected(snapshot, "qpv2015", "csv", language, [commune])), Text(answer));
        }
    }

    [Fact]
    public async Task An_outline_that_cannot_be_a_zone_is_left_out_of_the_table_and_not_found_alone()
    {
        // TEST-ONLY outline: Vaulx-en-Velin's real outline moved 20° east, out of France (never QPV, not shipped).
        var snapshot = await _app.PublishAsync(WithOutline(_app.Shipped, Vaulx, o => Shifted(o, 20)));
        var table = await Get("/v1/overlaps/communes?geography=qpv2015&departement=69", "fr");
        using var alone = await _app.Client.GetAsync($"/v1/overlaps?commune={Vaulx}&geography=qpv2015");

        var others = snapshot.OutlinedCommunes.Where(c => c.Departement == "69" && c.Insee != Vaulx);
        Assert.Equal(Text(await Expected(snapshot, "qpv2015", "json", "fr", others)), Text(table));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, alone.StatusCode);
    }

    /// <summary>What the service must answer: each outline validated afresh and measured, written as the service writes.</summary>
    private static async Task<byte[]> Expected(GeographySnapshot snapshot, string geography, string format, string language, IEnumerable<Commune> communes)
    {
        var version = GeographyVersions.Find(geography)!;
        var chosen = format switch { "json" => OverlapFormat.Json, "geojson" => OverlapFormat.GeoJson, _ => OverlapFormat.Csv };
        var lang = language == "en" ? Language.English : Language.French;
        using var body = new MemoryStream();
        await using (var writer = await OverlapWriter.StartAsync(body, chosen, OverlapFormats.Dialect(format), version.Code))
        {
            foreach (var commune in communes)
            {
                var zone = ZoneValidator.Validate(commune.Insee, commune.Outline, lang, out var problem) ?? throw new InvalidOperationException(problem);
                await writer.WriteAsync(OverlapCalculator.Measure(snapshot, version, zone with { Name = commune.Name }, lang, chosen == OverlapFormat.GeoJson), CancellationToken.None);
            }
        }

        return body.ToArray();
    }

    private async Task<byte[]> Get(string url, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        using var response = await _app.Client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Bytes as text (Latin-1, one char per byte), so that a difference shows where it is.</summary>
    private static string Text(byte[] bytes) => Encoding.Latin1.GetString(bytes);

    private static SnapshotData WithOutline(SnapshotData data, string insee, Func<MultiPolygon, MultiPolygon> change) =>
        data with { Communes = [.. data.Communes.Select(c => c.Insee == insee ? c with { Outline = change(c.Outline!) } : c)] };

    private static MultiPolygon Shifted(MultiPolygon outline, double degreesEast)
    {
        var copy = (MultiPolygon)outline.Copy();
        copy.Apply(new Shift(degreesEast));
        copy.GeometryChanged();
        return copy;
    }

    private static MultiPolygon Crossed(MultiPolygon outline)
    {
        var copy = (MultiPolygon)outline.Copy();
        var shell = ((Polygon)copy.GetGeometryN(0)).ExteriorRing.CoordinateSequence;
        var (i, j) = (shell.Count / 4, 3 * shell.Count / 4);
        var (x, y) = (shell.GetX(i), shell.GetY(i));
        shell.SetX(i, shell.GetX(j));
        shell.SetY(i, shell.GetY(j));
        shell.SetX(j, x);
        shell.SetY(j, y);
        copy.GeometryChanged();
        return copy;
    }

    private sealed class Shift(double dx) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i) => seq.SetX(i, seq.GetX(i) + dx);
    }
}
