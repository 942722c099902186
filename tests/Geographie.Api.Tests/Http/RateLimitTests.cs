using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Geographie.Api.Data;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Geographie.Api.Tests.Http;

/// <summary>Per-client rate limits, when configured: 429 with Retry-After and a problem body; probes never limited.</summary>
public sealed class RateLimitTests : IClassFixture<GeographieApp>
{
    private readonly GeographieApp _app;

    public RateLimitTests(GeographieApp app) => _app = app;

    [Fact]
    public async Task A_client_over_its_rate_gets_429_with_retry_after_while_probes_still_answer()
    {
        await using var limited = _app.Factory.WithWebHostBuilder(web => web
            .UseSetting("Geographie:RateLimitPerSecond", "1")
            .UseSetting("Geographie:RateLimitBurst", "3"));
        using var client = limited.CreateClient();
        Assert.True(await limited.Services.GetRequiredService<SnapshotRefresher>().PollAsync(CancellationToken.None));

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        for (var i = 0; i < 10; i++)
        {
            var response = await client.GetAsync("/v1/eligibility?lon=4.9718&lat=45.77&geography=qpv2015");
            statuses.Add(response.StatusCode);
            rejected ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.NotNull(rejected);
        Assert.True(int.Parse(rejected.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
        }
    }

    [Fact]
    public async Task Without_a_configured_rate_nothing_is_limited_and_no_limiter_ticks()
    {
        // A partitioned limiter keeps a 100 ms timer even when every partition is unlimited: none is built.
        Assert.Null(_app.Factory.Services.GetRequiredService<IOptions<RateLimiterOptions>>().Value.GlobalLimiter);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _app.Client.GetAsync("/v1/eligibility?lon=4.9718&lat=45.77&geography=qpv2015")).StatusCode);
        }
    }
}
