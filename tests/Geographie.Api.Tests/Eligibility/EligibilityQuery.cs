using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Geographie.Api.Tests.Eligibility;

/// <summary>The eligibility GET as the REST tests ask it: coordinates written round-trip, a success asserted.</summary>
internal static class EligibilityQuery
{
    /// <summary>A coordinate as the query string carries it, with every digit the double holds.</summary>
    public static string Q(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary><c>GET /v1/eligibility?<paramref name="query"/></c>, which must succeed; its JSON answer.</summary>
    public static async Task<JsonElement> Check(HttpClient client, string query)
    {
        var response = await client.GetAsync("/v1/eligibility?" + query);
        Assert.True(response.IsSuccessStatusCode, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
