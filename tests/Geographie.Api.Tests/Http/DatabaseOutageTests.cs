using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Geographie.Api.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Geographie.Api.Tests.Http;

/// <summary>
/// A database blip must not pull a replica out of the balancer: it keeps serving its snapshot and stays ready; the
/// outage shows in the readiness body (without addresses) and clears as soon as the database answers again.
/// </summary>
public sealed class DatabaseOutageTests : IClassFixture<GeographieApp>
{
    private const string LyonInside = "/v1/eligibility?lon=4.9718&lat=45.77&geography=qpv2015";
    private readonly GeographieApp _app;

    public DatabaseOutageTests(GeographieApp app) => _app = app;

    [Fact]
    public async Task While_PostGIS_is_away_the_service_stays_ready_and_says_so_then_recovers()
    {
        var refresher = _app.Factory.Services.GetRequiredService<SnapshotRefresher>();
        var before = await _app.Client.GetFromJsonAsync<JsonElement>(LyonInside);
        try
        {
            await _app.Database.SetReachableAsync(false);
            Assert.False(await refresher.PollAsync(CancellationToken.None));

            var ready = await _app.Client.GetAsync("/readyz");
            var body = await ready.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            var readiness = JsonDocument.Parse(body).RootElement;
            Assert.True(readiness.GetProperty("ready").GetBoolean());
            Assert.False(readiness.GetProperty("database").GetProperty("reachable").GetBoolean());
            Assert.Equal(JsonValueKind.String, readiness.GetProperty("database").GetProperty("unreachableSince").ValueKind);
            Assert.DoesNotContain("127.0.0.1", body);
            Assert.DoesNotContain(_app.Database.Name, body);
            var during = await _app.Client.GetFromJsonAsync<JsonElement>(LyonInside);
            Assert.Equal(before.GetProperty("status").GetString(), during.GetProperty("status").GetString());
            Assert.Equal("INSIDE", during.GetProperty("status").GetString());
        }
        finally
        {
            await _app.Database.SetReachableAsync(true);
        }

        Assert.True(await refresher.PollAsync(CancellationToken.None));
        var recovered = await _app.Client.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.True(recovered.GetProperty("database").GetProperty("reachable").GetBoolean());
        Assert.Equal(JsonValueKind.Null, recovered.GetProperty("database").GetProperty("unreachableSince").ValueKind);
        Assert.Null(_app.Factory.Services.GetRequiredService<GeographyState>().LastError);
    }
}
