using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Geographie.Api.Tests.Http;

public sealed class HealthEndpointsTests : IClassFixture<GeographieApp>
{
    private readonly GeographieApp _app;

    public HealthEndpointsTests(GeographieApp app) => _app = app;

    [Fact]
    public async Task Healthz_answers_while_the_process_runs()
    {
        var response = await _app.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alive", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_says_what_is_loaded()
    {
        var response = await _app.Client.GetAsync("/readyz");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.GetProperty("ready").GetBoolean());
        Assert.True(body.GetProperty("database").GetProperty("reachable").GetBoolean());
        Assert.True(body.GetProperty("snapshotAgeSeconds").GetDouble() >= 0);
        var editions = body.GetProperty("geographies").EnumerateArray().ToDictionary(e => e.GetProperty("code").GetString()!);
        Assert.Equal(1493, editions["qpv2024"].GetProperty("quartiers").GetInt32());
        Assert.Equal(0, editions["qpv2024"].GetProperty("perimetersLoaded").GetInt32());
        Assert.False(editions["qpv2024"].GetProperty("complete").GetBoolean());
        Assert.Equal(37, editions["qpv2015"].GetProperty("perimetersLoaded").GetInt32());
        Assert.Equal(119 + 278, body.GetProperty("communeOutlines").GetInt32());
    }
}
