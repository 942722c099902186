using System.Net;

namespace Geographie.Api.Tests.Http;

/// <summary>
/// Prometheus metrics on their own port: Geographie's answers, snapshot, tile cache and imports beside the ASP.NET
/// Core, Npgsql and runtime instruments; never on the public REST port. Run alone: the OpenTelemetry listener of a
/// host observes every meter of that name in the process, so other test hosts running at the same time would show
/// their own gauges beside this one's.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsEndpointTests : IClassFixture<KestrelApp>
{
    private readonly KestrelApp _app;

    public MetricsEndpointTests(KestrelApp app) => _app = app;

    [Fact]
    public async Task The_metrics_port_counts_answers_by_status_and_geography_and_reports_the_snapshot()
    {
        using var http = new HttpClient();
        var answer = await http.GetStringAsync(_app.RestUrl + "/v1/eligibility?lon=4.9718&lat=45.77&geography=qpv2015");
        Assert.Contains("\"INSIDE\"", answer);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(_app.RestUrl + "/tiles/11/1052/730.mvt?geography=qpv2015")).StatusCode);
        var batch = await http.PostAsync(_app.RestUrl + "/v1/eligibility/batch?geography=qpv2015",
            new StringContent("id,lon,lat\n1,4.9718,45.77\n2,4.85,45.75\n", System.Text.Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);

        var metrics = await http.GetStringAsync(_app.MetricsUrl + "/metrics");

        Assert.Matches(@"geographie_eligibility_answers_total\{[^}]*geography=""qpv2015""[^}]*status=""INSIDE""[^}]*\} [1-9]", metrics);
        Assert.Matches(@"geographie_snapshot_revision\{[^}]*\} [1-9]", metrics);
        Assert.Matches(@"geographie_database_reachable\{[^}]*\} 1", metrics);
        Assert.Matches(@"geographie_imports_total\{[^}]*kind=""perimeters""[^}]*outcome=""applied""[^}]*\} [1-9]", metrics);
        Assert.Matches(@"geographie_tiles_cache_misses_total\{[^}]*\} [1-9]", metrics);
        Assert.Matches(@"geographie_eligibility_batch_points_sum\{[^}]*protocol=""rest-csv""[^}]*\} 2", metrics);
        Assert.Contains("http_server_request_duration_seconds", metrics);
        Assert.Contains("dotnet_gc_collections_total", metrics);
    }

    [Fact]
    public async Task Metrics_are_not_served_on_the_public_port()
    {
        using var http = new HttpClient();

        var response = await http.GetAsync(_app.RestUrl + "/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

/// <summary>Tests that read process-wide instruments, run after the parallel ones and alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "metrics";
}
