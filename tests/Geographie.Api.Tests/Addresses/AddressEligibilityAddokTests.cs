using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Geographie.Addresses.Addok.Tests.Support;
using Geographie.Api.Data;
using Geographie.Import.Addresses;
using Geographie.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Geographie.Api.Tests.Addresses;

/// <summary>
/// The service configured with the external geocoder (<c>Geographie:Addresses:Geocoder=addok</c>) against a local
/// addok-format server answering with the real BAL of Mont-Bonvillers (where no QPV perimeter is loaded: UNKNOWN).
/// </summary>
public sealed class AddressEligibilityAddokTests : IClassFixture<GeographieApp>
{
    private readonly GeographieApp _app;

    public AddressEligibilityAddokTests(GeographieApp app) => _app = app;

    private sealed record Service(AddokFormatServer Server, WebApplicationFactory<Program> Factory, HttpClient Client) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Factory.DisposeAsync();
            await Server.DisposeAsync();
        }
    }

    private async Task<Service> StartAsync()
    {
        var addresses = AddressFileReader.Read(Geodata.Path("addresses/bal_54084_mont-bonvillers.csv"), out _);
        var server = await AddokFormatServer.StartAsync(addresses);
        var factory = _app.Factory.WithWebHostBuilder(web =>
        {
            web.UseSetting("Geographie:Addresses:Geocoder", "addok");
            web.UseSetting("Geographie:Addresses:Addok:BaseUrl", server.BaseUrl.ToString());
            web.UseSetting("Geographie:Addresses:Addok:Retries", "0");
        });
        var client = AcceptEnglish.On(factory.CreateClient());
        await factory.Services.GetRequiredService<SnapshotRefresher>().RefreshAsync(CancellationToken.None);
        return new Service(server, factory, client);
    }

    private static async Task<JsonElement> Check(HttpClient client, string address)
    {
        var response = await client.GetAsync("/v1/eligibility?address=" + Uri.EscapeDataString(address));
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task An_address_is_geocoded_by_the_external_service_and_answered_with_what_it_matched()
    {
        await using var service = await StartAsync();
        var (server, client) = (service.Server, service.Client);

        var answer = await Check(client, "1 rue Joffre 54111 Mont-Bonvillers");

        Assert.Equal("UNKNOWN", answer.GetProperty("status").GetString());
        var address = answer.GetProperty("address");
        Assert.Equal(("1 Rue Joffre Mont-Bonvillers", "54084_0200_00001", "housenumber"),
            (address.GetProperty("label").GetString(), address.GetProperty("id").GetString(), address.GetProperty("matchType").GetString()));
        Assert.Equal((5.833622, 49.322203), (address.GetProperty("lon").GetDouble(), address.GetProperty("lat").GetDouble()));
        Assert.Equal(1, server.Searches);
    }

    [Fact]
    public async Task Nothing_found_is_INVALID_and_a_geocoder_down_is_UNKNOWN_never_a_5xx()
    {
        await using var service = await StartAsync();
        var (server, client) = (service.Server, service.Client);

        var unknown = await Check(client, "12 avenue des Champs-Elysees 75008 Paris");
        server.Then(new AddokFormatServer.Fault(System.Net.HttpStatusCode.ServiceUnavailable));
        var down = await Check(client, "2 rue Joffre 54111 Mont-Bonvillers");
        var batch = await client.PostAsync("/v1/eligibility/batch", new StringContent(
            """[{"id":"a","address":"4 rue Joffre Mont-Bonvillers"}]""", Encoding.UTF8, "application/json"));

        Assert.Equal("INVALID", unknown.GetProperty("status").GetString());
        Assert.Equal("address: the geocoder found no address for '12 avenue des Champs-Elysees 75008 Paris'", unknown.GetProperty("reason").GetString());
        Assert.Equal("UNKNOWN", down.GetProperty("status").GetString());
        Assert.Equal("address: the geocoder answered 503 Service Unavailable", down.GetProperty("reason").GetString());
        Assert.False(down.TryGetProperty("address", out _));
        var answers = (await batch.Content.ReadFromJsonAsync<JsonElement[]>())!;
        Assert.Equal("54084_0200_00004", answers[0].GetProperty("address").GetProperty("id").GetString());
    }

    [Fact]
    public void An_unknown_geocoder_choice_stops_the_start_naming_the_setting()
    {
        using var factory = _app.Factory.WithWebHostBuilder(web => web.UseSetting("Geographie:Addresses:Geocoder", "google"));

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Geographie:Addresses:Geocoder is 'google': it must be builtin or addok", error.ToString());
    }
}
