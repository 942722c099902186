using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Geographie.Import.Csv;

using static Geographie.Api.Tests.Eligibility.EligibilityQuery;

namespace Geographie.Api.Tests.Eligibility;

public sealed class EligibilityRestTests : IClassFixture<GeographieApp>
{
    private readonly GeographieApp _app;

    public EligibilityRestTests(GeographieApp app) => _app = app;

    private Task<JsonElement> Check(string query) => EligibilityQuery.Check(_app.Client, query);

    [Fact]
    public async Task Every_status_is_reached_on_real_data()
    {
        var (code, perimeter) = RealPoints.LyonPerimeters[0];
        var inside = perimeter.InteriorPoint.Coordinate;
        var insideAnswer = await Check($"lon={Q(inside.X)}&lat={Q(inside.Y)}&geography=qpv2015&include=contrat");
        Assert.Equal("INSIDE", insideAnswer.GetProperty("status").GetString());
        Assert.Equal(code, insideAnswer.GetProperty("quartier").GetProperty("code").GetString());
        var toBoundary = insideAnswer.GetProperty("distanceM").GetDouble();

        var uncertain = await Check($"lon={Q(inside.X)}&lat={Q(inside.Y)}&geography=qpv2015&position_uncertainty_m={Q(toBoundary + 1)}");
        Assert.Equal("UNCERTAIN", uncertain.GetProperty("status").GetString());

        // East of the perimeter's bounding box by about 40 m: outside, near.
        var east = perimeter.EnvelopeInternal;
        var outsideLon = east.MaxX + 0.0005;
        var outsideLat = (east.MinY + east.MaxY) / 2;
        var wide = await Check($"lon={Q(outsideLon)}&lat={Q(outsideLat)}&geography=qpv2015&near_distance_m=5000");
        Assert.Equal("NEAR", wide.GetProperty("status").GetString());
        var distance = wide.GetProperty("distanceM").GetDouble();
        Assert.InRange(distance, 1, 5000);
        var near = await Check($"lon={Q(outsideLon)}&lat={Q(outsideLat)}&geography=qpv2015&near_distance_m={Q(distance + 1)}");
        Assert.Equal("NEAR", near.GetProperty("status").GetString());
        Assert.Equal(wide.GetProperty("nearestCode").GetString(), near.GetProperty("nearestCode").GetString());
        // Farther than the band, and the 2015 register is not loaded: a missing perimeter may hold the point.
        var beyond = await Check($"lon={Q(outsideLon)}&lat={Q(outsideLat)}&geography=qpv2015&near_distance_m={Q(distance / 2)}");
        Assert.Equal("UNKNOWN", beyond.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, beyond.GetProperty("distanceM").ValueKind);

        // A REP+ collège of Marseille: the 2024 register lists QPV there, their perimeters are not loaded.
        var marseille = RealPoints.Colleges.First(c => c.Insee == "13055");
        var unknown = await Check($"lon={Q(marseille.Lon)}&lat={Q(marseille.Lat)}");
        Assert.Equal("UNKNOWN", unknown.GetProperty("status").GetString());
        Assert.Contains("Marseille", unknown.GetProperty("reason").GetString());

        // A collège in a commune of the Bouches-du-Rhône with no QPV in the 2024 register and no such commune within 300 m.
        var answers = new List<(RealPoints.College College, string Status)>();
        foreach (var college in RealPoints.Colleges.Where(c => !CommunesWithQpv.Contains(c.Insee)))
        {
            answers.Add((college, (await Check($"lon={Q(college.Lon)}&lat={Q(college.Lat)}")).GetProperty("status").GetString()!));
        }
        Assert.Contains(answers, a => a.Status == "OUTSIDE");
        Assert.DoesNotContain(answers, a => a.Status is "INSIDE" or "NEAR");
    }

    private static readonly HashSet<string> CommunesWithQpv = ReadCommunesWithQpv();

    private static HashSet<string> ReadCommunesWithQpv()
    {
        using var csv = CsvRowReader.Open(new StreamReader(Testing.Geodata.Path("qpv2024/registre_qpv2024_par_commune.csv")), out _);
        var set = new HashSet<string>();
        while (csv.ReadRow() is { } row)
        {
            set.Add(row[2]);
        }
        return set;
    }

    [Theory]
    [InlineData("lon=5.4&lat=95", "lat", "out of range")]
    [InlineData("lon=NaN&lat=43.3", "lon", "not a finite number")]
    [InlineData("lon=43.3&lat=5.4", "location", "axes look swapped")]
    [InlineData("lon=-74.0&lat=40.7", "location", "outside France")]
    [InlineData("lat=43.3", "lon", "missing")]
    [InlineData("", "location", "a location is required")]
    [InlineData("lon=5.4&lat=43.3&x=1&y=2", "location", "not both")]
    [InlineData("lon=5.4&lat=43.3&geography=qpv1990", "geography", "unknown geography")]
    [InlineData("lon=5.4&lat=43.3&date=2010-01-01", "date", "no QPV geography was in force")]
    [InlineData("lon=5.4&lat=43.3&date=31/12/2020", "date", "not an ISO date")]
    [InlineData("lon=5.4&lat=43.3&near_distance_m=-3", "near_distance_m", "between 0 and")]
    [InlineData("x=100&y=200", "location", "not a Lambert-93 position")]
    public async Task Bad_input_gets_a_400_problem_naming_the_field(string query, string field, string message)
    {
        var response = await _app.Client.GetAsync("/v1/eligibility?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors").GetProperty(field);
        Assert.Contains(message, errors[0].GetString());
    }

    [Fact]
    public async Task A_date_picks_the_geography_in_force()
    {
        var (_, perimeter) = RealPoints.LyonPerimeters[0];
        var inside = perimeter.InteriorPoint.Coordinate;

        var in2020 = await Check($"lon={Q(inside.X)}&lat={Q(inside.Y)}&date=2020-06-01");
        var in2024 = await Check($"lon={Q(inside.X)}&lat={Q(inside.Y)}&date=2024-06-01");

        Assert.Equal("qpv2015", in2020.GetProperty("geography").GetString());
        Assert.Equal("INSIDE", in2020.GetProperty("status").GetString());
        Assert.Equal("qpv2024", in2024.GetProperty("geography").GetString());
    }

    [Fact]
    public async Task An_UNKNOWN_answer_names_the_nearest_loaded_perimeter_and_the_geographies_loaded_here()
    {
        // The easternmost perimeter: about 800 m east of its bounding box, no perimeter covers the point, and it is
        // within the search radius.
        var (_, perimeter) = RealPoints.LyonPerimeters.MaxBy(p => p.Perimeter.EnvelopeInternal.MaxX);
        var inside = perimeter.InteriorPoint.Coordinate;
        var east = perimeter.EnvelopeInternal;
        var outside = $"lon={Q(east.MaxX + 0.01)}&lat={Q(east.Centre.Y)}";

        var lyonIn2024 = await Check($"lon={Q(inside.X)}&lat={Q(inside.Y)}&geography=qpv2024");
        var unknown = await Check(outside + "&geography=qpv2015");
        // The same point with a band wide enough is NEAR: the service's own nearest loaded boundary, the oracle here.
        var near = await Check(outside + "&geography=qpv2015&near_distance_m=10000");

        Assert.Equal("UNKNOWN", lyonIn2024.GetProperty("status").GetString());
        Assert.Equal(["qpv2015"], lyonIn2024.GetProperty("loadedGeographies").EnumerateArray().Select(g => g.GetString()));
        Assert.Contains("qpv2015", lyonIn2024.GetProperty("hint").GetString());
        Assert.Equal(JsonValueKind.Null, lyonIn2024.GetProperty("quartier").ValueKind);
        Assert.Equal("UNKNOWN", unknown.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("distanceM").ValueKind);
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("nearestCode").ValueKind);
        var loaded = unknown.GetProperty("nearestLoaded");
        Assert.Equal("NEAR", near.GetProperty("status").GetString());
        Assert.Equal(near.GetProperty("nearestCode").GetString(), loaded.GetProperty("code").GetString());
        Assert.Equal(near.GetProperty("distanceM").GetDouble(), loaded.GetProperty("distanceM").GetDouble());
        Assert.Equal("qpv2015", loaded.GetProperty("geography").GetString());
        Assert.Equal(JsonValueKind.Null, near.GetProperty("nearestLoaded").ValueKind);
    }

    [Fact]
    public async Task A_CSV_with_bad_rows_answers_every_row_in_order()
    {
        var (_, perimeter) = RealPoints.LyonPerimeters[2];
        var inside = perimeter.InteriorPoint.Coordinate;
        var body = "\uFEFFid;lon;lat;note\n" +
                   $"a;{Q(inside.X).Replace('.', ',')};{Q(inside.Y).Replace('.', ',')};virgule décimale\n" +
                   "b;abc;45.7;pas un nombre\n" +
                   "c;4.85\n" +
                   $"d;{Q(inside.X)};{Q(inside.Y)};\"avec ; séparateur\"\n";
        var response = await _app.Client.PostAsync("/v1/eligibility/batch?geography=qpv2015",
            new StringContent(body, Encoding.UTF8, "text/csv"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        using var csv = CsvRowReader.Open(new StringReader(text), out var header);
        Assert.Equal(["id", "lon", "lat", "note", "status", "reason", "geography", "quartier_code", "quartier_name", "distance_m", "nearest_code",
            "nearest_loaded_code", "nearest_loaded_distance_m", "loaded_geographies", "hint"], header);
        var rows = new List<IReadOnlyList<string>>();
        while (csv.ReadRow() is { } row)
        {
            rows.Add(row);
        }
        Assert.Equal(["a", "b", "c", "d"], rows.Select(r => r[0]));
        Assert.Equal(["INSIDE", "INVALID", "INVALID", "INSIDE"], rows.Select(r => r[4]));
        Assert.Contains("lon 'abc' is not a number", rows[1][5]);
        Assert.Contains("2 fields where the header has 4", rows[2][5]);
        Assert.Equal("avec ; séparateur", rows[3][3]);
    }

    [Fact]
    public async Task A_CSV_without_location_columns_is_refused()
    {
        var response = await _app.Client.PostAsync("/v1/eligibility/batch",
            new StringContent("id,adresse\n1,10 rue de la République\n", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id,lon,lat", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Oversized_empty_and_unsupported_batches_are_refused_with_a_reason()
    {
        var empty = await _app.Client.PostAsJsonAsync("/v1/eligibility/batch", Array.Empty<object>());
        var xml = await _app.Client.PostAsync("/v1/eligibility/batch", new StringContent("<points/>", Encoding.UTF8, "application/xml"));
        var notArray = await _app.Client.PostAsync("/v1/eligibility/batch", new StringContent("{\"lon\":5}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, xml.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notArray.StatusCode);
        Assert.Contains("not a JSON array", await notArray.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_routes()
    {
        var document = await _app.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/v1/eligibility", out _));
        Assert.True(paths.TryGetProperty("/v1/eligibility/batch", out _));
        Assert.True(paths.TryGetProperty("/v1/quartiers/{code}", out _));
    }
}
