using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Geographie.Api.Tests.Eligibility;
using Geographie.Import.Csv;

namespace Geographie.Api.Tests.Overlaps;

public sealed class EligibilitySummaryTests : IClassFixture<GeographieApp>
{
    private const string Options = "?geography=qpv2015&near_distance_m=150";

    private readonly GeographieApp _app;

    public EligibilitySummaryTests(GeographieApp app) => _app = app;

    [Fact]
    public async Task Summary_counts_agree_with_the_batch_answers_for_the_same_points_in_json_and_csv()
    {
        var points = RealPoints.LyonSample(3000, seed: 9).Select((p, i) => new { id = i.ToString(CultureInfo.InvariantCulture), lon = p.Lon, lat = p.Lat }).ToList();
        points.Add(new { id = "bad", lon = 400.0, lat = 45.0 });
        var answers = await (await _app.Client.PostAsJsonAsync("/v1/eligibility/batch" + Options, points)).Content.ReadFromJsonAsync<JsonElement>();
        var expectedStatus = answers.EnumerateArray().GroupBy(a => a.GetProperty("status").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        var expectedQuartiers = answers.EnumerateArray()
            .Select(a => (Status: a.GetProperty("status").GetString()!, Code: Code(a)))
            .Where(a => a.Code is not null && a.Status is "INSIDE" or "NEAR" or "UNCERTAIN")
            .GroupBy(a => (a.Code!, a.Status))
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.True(expectedStatus.GetValueOrDefault("INSIDE") > 0 && expectedStatus.GetValueOrDefault("NEAR") > 0 && expectedStatus.GetValueOrDefault("INVALID") == 1);

        var json = await (await _app.Client.PostAsJsonAsync("/v1/eligibility/summary" + Options, points)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(points.Count, json.GetProperty("total").GetInt32());
        foreach (var status in json.GetProperty("statuses").EnumerateObject())
        {
            Assert.Equal(expectedStatus.GetValueOrDefault(status.Name), status.Value.GetInt32());
        }

        var fromJson = new Dictionary<(string, string), int>();
        foreach (var q in json.GetProperty("quartiers").EnumerateArray())
        {
            foreach (var (status, field) in new[] { ("INSIDE", "inside"), ("NEAR", "near"), ("UNCERTAIN", "uncertain") })
            {
                if (q.GetProperty(field).GetInt32() is > 0 and var n)
                {
                    fromJson[(q.GetProperty("code").GetString()!, status)] = n;
                }
            }
        }

        Assert.Equal(expectedQuartiers.OrderBy(p => p.Key), fromJson.OrderBy(p => p.Key));

        // The same points as CSV in, the counts as CSV out.
        var body = new StringBuilder("id,lon,lat\n");
        foreach (var p in points)
        {
            body.Append(p.id).Append(',').Append(p.lon.ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(p.lat.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/eligibility/summary" + Options) { Content = new StringContent(body.ToString(), Encoding.UTF8, "text/csv") };
        request.Headers.Accept.ParseAdd("text/csv");
        var csv = await (await _app.Client.SendAsync(request)).Content.ReadAsStringAsync();
        using var reader = CsvRowReader.Open(new StringReader(csv), out var header);
        Assert.Equal(["scope", "geography", "quartier_code", "quartier_name", "status", "count"], header);
        var fromCsv = new Dictionary<(string, string), int>();
        var totals = new Dictionary<string, int>();
        while (reader.ReadRow() is { } row)
        {
            var count = int.Parse(row[5], CultureInfo.InvariantCulture);
            if (row[0] == "quartier")
            {
                fromCsv[(row[2], row[4])] = count;
            }
            else if (row[0] == "total")
            {
                totals[row[4]] = count;
            }
        }

        Assert.Equal(expectedQuartiers.OrderBy(p => p.Key), fromCsv.OrderBy(p => p.Key));
        Assert.All(totals, t => Assert.Equal(expectedStatus.GetValueOrDefault(t.Key), t.Value));
    }

    [Fact]
    public async Task UNKNOWN_answers_are_summarised_by_their_nearest_loaded_perimeter_and_the_geographies_loaded_where_they_fell()
    {
        // Real Lyon points: asked in qpv2015 (its register is not loaded) those outside the perimeters are UNKNOWN with
        // a nearest loaded perimeter; asked in qpv2024 (no perimeter loaded) those inside are UNKNOWN where qpv2015 is loaded.
        var points = RealPoints.LyonSample(1500, seed: 13).Select((p, i) => new { id = i.ToString(CultureInfo.InvariantCulture), lon = p.Lon, lat = p.Lat }).ToList();
        foreach (var geography in new[] { "qpv2015", "qpv2024" })
        {
            var query = $"?geography={geography}&near_distance_m=150";
            var answers = (await (await _app.Client.PostAsJsonAsync("/v1/eligibility/batch" + query, points)).Content.ReadFromJsonAsync<JsonElement>())
                .EnumerateArray().Where(a => a.GetProperty("status").GetString() == "UNKNOWN").ToArray();
            var nearestLoaded = answers
                .Where(a => a.TryGetProperty("nearestLoaded", out var n) && n.ValueKind == JsonValueKind.Object)
                .GroupBy(a => a.GetProperty("nearestLoaded").GetProperty("code").GetString()!)
                .ToDictionary(g => g.Key, g => g.Count());
            var loadedHere = answers
                .Where(a => a.TryGetProperty("loadedGeographies", out var l) && l.ValueKind == JsonValueKind.Array)
                .SelectMany(a => a.GetProperty("loadedGeographies").EnumerateArray().Select(g => g.GetString()!))
                .GroupBy(g => g).ToDictionary(g => g.Key, g => g.Count());
            Assert.True(nearestLoaded.Count + loadedHere.Count > 0, $"{geography}: no UNKNOWN answer says what is loaded");

            var json = await (await _app.Client.PostAsJsonAsync("/v1/eligibility/summary" + query, points)).Content.ReadFromJsonAsync<JsonElement>();
            var fromJson = json.GetProperty("quartiers").EnumerateArray()
                .Where(q => q.GetProperty("unknownNearestLoaded").GetInt32() > 0)
                .ToDictionary(q => q.GetProperty("code").GetString()!, q => q.GetProperty("unknownNearestLoaded").GetInt32());
            Assert.Equal(nearestLoaded.OrderBy(p => p.Key), fromJson.OrderBy(p => p.Key));
            Assert.Equal(loadedHere.OrderBy(p => p.Key),
                json.GetProperty("unknownLoadedHere").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()).OrderBy(p => p.Key));
            Assert.Equal(loadedHere.Count > 0, json.GetProperty("hint").ValueKind == JsonValueKind.String);

            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/eligibility/summary" + query + "&format=csv") { Content = JsonContent.Create(points) };
            var csv = await (await _app.Client.SendAsync(request)).Content.ReadAsStringAsync();
            using var reader = CsvRowReader.Open(new StringReader(csv), out _);
            var csvNearest = new Dictionary<string, int>();
            var csvLoaded = new Dictionary<string, int>();
            while (reader.ReadRow() is { } row)
            {
                if (row[0] == "nearest_loaded")
                {
                    Assert.Equal("UNKNOWN", row[4]);
                    csvNearest[row[2]] = int.Parse(row[5], CultureInfo.InvariantCulture);
                }
                else if (row[0] == "loaded_here")
                {
                    csvLoaded[row[1]] = int.Parse(row[5], CultureInfo.InvariantCulture);
                }
            }
            Assert.Equal(nearestLoaded.OrderBy(p => p.Key), csvNearest.OrderBy(p => p.Key));
            Assert.Equal(loadedHere.OrderBy(p => p.Key), csvLoaded.OrderBy(p => p.Key));
        }
    }

    private static string? Code(JsonElement answer) =>
        answer.TryGetProperty("quartier", out var q) && q.ValueKind == JsonValueKind.Object ? q.GetProperty("code").GetString()
        : answer.TryGetProperty("nearestCode", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()
        : null;
}
