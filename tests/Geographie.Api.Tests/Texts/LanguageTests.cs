using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Geographie.Api.Tests.Eligibility;
using Geographie.Api.Texts;
using Geographie.Domain.Texts;

using static Geographie.Api.Tests.Eligibility.EligibilityQuery;

namespace Geographie.Api.Tests.Texts;

/// <summary>
/// Answers are in French by default and in English when asked (<c>?lang=en</c> or <c>Accept-Language</c>); only the
/// texts change, never the statuses or the machine-readable fields. Every catalogue has every text in both languages.
/// </summary>
public sealed class LanguageTests : IClassFixture<GeographieApp>
{
    private readonly GeographieApp _app;

    // A client that names no language, as a browser or curl without options.
    private readonly HttpClient _plain;

    public LanguageTests(GeographieApp app)
    {
        _app = app;
        _plain = app.Factory.CreateClient();
    }

    [Fact]
    public void Every_text_of_every_catalogue_is_written_in_both_languages_with_the_same_placeholders()
    {
        Assert.Empty(DomainTexts.Catalogue.Gaps());
        Assert.Empty(EdgeTexts.Catalogue.Gaps());
        Assert.Empty(Geographie.Features.FeatureTexts.Catalogue.Gaps());
        Assert.Empty(AddressTexts.Catalogue.Gaps());
    }

    [Fact]
    public void The_catalogue_walk_finds_a_missing_text_and_a_placeholder_left_out()
    {
        var french = new Dictionary<Language, string> { [Language.French] = "{0} en français" };
        var english = new Dictionary<Language, string> { [Language.French] = "in English" };

        var gaps = new Catalogue<Language>(french, english).Gaps();

        Assert.Equal(["French uses other placeholders in English", "English has no French text", "English has no English text"], gaps);
    }

    [Theory]
    [InlineData(null, Language.French)]
    [InlineData("", Language.French)]
    [InlineData("en", Language.English)]
    [InlineData("en-GB,en;q=0.9", Language.English)]
    [InlineData("de-DE, en;q=0.8, fr;q=0.9", Language.French)]
    [InlineData("de-DE, en;q=0.8", Language.English)]
    [InlineData("fr-FR;q=0, en;q=0.1", Language.English)]
    [InlineData("*", Language.French)]
    public void Accept_Language_picks_the_best_language_offered(string? header, Language expected) =>
        Assert.Equal(expected, RequestLanguage.FromAcceptLanguage(header));

    [Fact]
    public async Task A_reason_is_French_by_default_and_English_by_header_or_query_with_the_same_answer()
    {
        var (code, perimeter) = RealPoints.LyonPerimeters[1];
        var inside = perimeter.InteriorPoint.Coordinate;
        var query = $"/v1/eligibility?lon={Q(inside.X)}&lat={Q(inside.Y)}&geography=qpv2015";
        using var english = new HttpRequestMessage(HttpMethod.Get, query);
        english.Headers.AcceptLanguage.ParseAdd("en-GB");

        var french = await _plain.GetFromJsonAsync<JsonElement>(query);
        var byHeader = await (await _plain.SendAsync(english)).Content.ReadFromJsonAsync<JsonElement>();
        var byQuery = await _plain.GetFromJsonAsync<JsonElement>(query + "&lang=en");

        Assert.StartsWith($"dans {code} ", french.GetProperty("reason").GetString());
        Assert.StartsWith($"inside {code} ", byHeader.GetProperty("reason").GetString());
        Assert.Equal(byHeader.GetProperty("reason").GetString(), byQuery.GetProperty("reason").GetString());
        foreach (var answer in new[] { byHeader, byQuery })
        {
            Assert.Equal(french.GetProperty("status").GetString(), answer.GetProperty("status").GetString());
            Assert.Equal(french.GetProperty("quartier").GetProperty("code").GetString(), answer.GetProperty("quartier").GetProperty("code").GetString());
            Assert.Equal(french.GetProperty("distanceM").GetDouble(), answer.GetProperty("distanceM").GetDouble());
        }
    }

    [Fact]
    public async Task Problems_are_French_by_default_with_the_same_status_and_field()
    {
        var badFrench = await _plain.GetAsync("/v1/eligibility?lon=abc&lat=45.7");
        var badEnglish = await _plain.GetAsync("/v1/eligibility?lon=abc&lat=45.7&lang=en");
        var unknown = await _plain.GetAsync("/v1/quartiers/XX");
        var format = await _plain.PostAsync("/v1/eligibility/batch?format=xlsx", new StringContent("id,lon,lat\n", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, badFrench.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badEnglish.StatusCode);
        var french = await badFrench.Content.ReadFromJsonAsync<JsonElement>();
        var english = await badEnglish.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("La demande d'éligibilité est invalide", french.GetProperty("title").GetString());
        Assert.Equal("lon 'abc' n'est pas un nombre", french.GetProperty("errors").GetProperty("lon")[0].GetString());
        Assert.Equal("lon 'abc' is not a number", english.GetProperty("errors").GetProperty("lon")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var quartier = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Quartier inconnu", quartier.GetProperty("title").GetString());
        Assert.StartsWith("Aucun quartier 'XX'", quartier.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, format.StatusCode);
        var unknownFormat = await format.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("La requête est invalide", unknownFormat.GetProperty("title").GetString());
        Assert.StartsWith("Le format 'xlsx' est inconnu", unknownFormat.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Batch_reasons_are_French_by_default_in_JSON_and_CSV()
    {
        var (code, perimeter) = RealPoints.LyonPerimeters[2];
        var inside = perimeter.InteriorPoint.Coordinate;
        var json = await _plain.PostAsJsonAsync("/v1/eligibility/batch?geography=qpv2015",
            new object[] { new { id = "a", lon = inside.X, lat = inside.Y }, new { id = "b", lon = 5.4, lat = 95 } });
        var csv = await _plain.PostAsync("/v1/eligibility/batch?geography=qpv2015",
            new StringContent($"id,lon,lat\na,{Q(inside.X)},{Q(inside.Y)}\nb,abc,45.7\nc,4.8\n", Encoding.UTF8, "text/csv"));

        var answers = await json.Content.ReadFromJsonAsync<JsonElement[]>();
        Assert.StartsWith($"dans {code} ", answers![0].GetProperty("reason").GetString());
        Assert.Equal("INVALID", answers[1].GetProperty("status").GetString());
        Assert.Contains("est hors de l'intervalle", answers[1].GetProperty("reason").GetString());
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains($"dans {code} ", text);
        Assert.Contains("lon 'abc' n'est pas un nombre", text);
        Assert.Contains("2 champs alors que l'en-tête en a 3", text);
    }
}
