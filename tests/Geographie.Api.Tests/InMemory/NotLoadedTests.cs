using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Geographie.Domain.Snapshots;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Geographie.Api.Tests.InMemory;

/// <summary>
/// Before the first load every route that answers from the snapshot is refused by the one guard
/// (<c>Http/SnapshotRequired</c>): 503 problem details in the language asked; the routes that need no data still answer.
/// </summary>
public sealed class NotLoadedTests : IClassFixture<NotLoadedTests.App>
{
    private readonly HttpClient _client;

    public NotLoadedTests(App app) => _client = app.Client;

    public static TheoryData<string, string> GuardedRoutes => new()
    {
        { "GET", "/v1/defis" },
        { "GET", "/v1/projets/P1" },
        { "GET", "/v1/quartiers?search=lyon" },
        { "GET", "/v1/quartiers/QN06901M" },
        { "GET", "/v1/eligibility?lon=4.85&lat=45.75" },
        { "POST", "/v1/eligibility/batch" },
        { "POST", "/v1/eligibility/summary" },
        { "GET", "/v1/overlaps/communes" },
        { "GET", "/v1/evolution" },
        { "GET", "/tiles/12/2100/1461.mvt" },
        { "GET", "/tiles/tiles.json" },
        { "GET", "/ogc/collections" },
        { "GET", "/ogc/collections/qpv2024/items" },
    };

    [Theory]
    [MemberData(nameof(GuardedRoutes))]
    public async Task A_route_reading_the_snapshot_answers_503_in_French_by_default(string method, string path)
    {
        var problem = await Send(method, path, language: null);

        Assert.Equal("Données pas encore chargées", problem.GetProperty("title").GetString());
        Assert.Equal("Les données ne sont pas encore chargées ; voir /readyz.", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [MemberData(nameof(GuardedRoutes))]
    public async Task A_route_reading_the_snapshot_answers_503_in_English_when_asked(string method, string path)
    {
        var problem = await Send(method, path, language: "en");

        Assert.Equal("Data not loaded yet", problem.GetProperty("title").GetString());
        Assert.Equal("The data is not loaded yet; see /readyz.", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/ogc/")]
    [InlineData("/ogc/conformance")]
    public async Task A_route_that_needs_no_data_answers_before_the_load(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<JsonElement> Send(string method, string path, string? language)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("""[{"lon": 4.85, "lat": 45.75}]""", Encoding.UTF8, "application/json");
        }
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }
        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The service in memory over a source that never loads; shared by the class (no test loads data).</summary>
    public sealed class App : IAsyncLifetime
    {
        private readonly WebApplicationFactory<Program> _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            web.UseSetting("Geographie:Database", "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=1")
                .ConfigureTestServices(services =>
                {
                    services.RemoveAll<ISnapshotSource>();
                    services.AddSingleton<ISnapshotSource>(new NeverLoaded());
                }));

        public HttpClient Client { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Client = _factory.CreateClient();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await _factory.DisposeAsync();
        }
    }

    // A source whose read never ends (until the host stops): the service stays before its first load.
    private sealed class NeverLoaded : ISnapshotSource
    {
        public async Task<long> ReadRevisionAsync(CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public async Task<SnapshotData> ReadAsync(CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new OperationCanceledException(cancellationToken);
        }
    }
}
