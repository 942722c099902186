using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Geographie.Addresses;
using Geographie.Addresses.Addok;
using Geographie.Addresses.Addok.Tests.Support;
using Geographie.Api.Data;
using Geographie.Import.Addresses;
using Geographie.Testing;
using Grpc.Net.Client;
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

    private sealed record Service(AddokFormatServer Server, WebApplicationFactory<Program> Factory, HttpClient Client, IReadOnlyList<AddressRecord> Addresses)
        : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Factory.DisposeAsync();
            await Server.DisposeAsync();
        }
    }

    private async Task<Service> StartAsync(int batchRows = 1000)
    {
        var addresses = AddressFileReader.Read(Geodata.Path("addresses/bal_54084_mont-bonvillers.csv"), out _);
        var server = await AddokFormatServer.StartAsync(addresses);
        var factory = _app.Factory.WithWebHostBuilder(web =>
        {
            web.UseSetting("Geographie:Addresses:Geocoder", "addok");
            web.UseSetting("Geographie:Addresses:Addok:BaseUrl", server.BaseUrl.ToString());
            web.UseSetting("Geographie:Addresses:Addok:Retries", "0");
            web.UseSetting("Geographie:Addresses:Addok:BatchRows", batchRows.ToString(CultureInfo.InvariantCulture));
        });
        var client = AcceptEnglish.On(factory.CreateClient());
        await factory.Services.GetRequiredService<SnapshotRefresher>().RefreshAsync(CancellationToken.None);
        return new Service(server, factory, client, addresses);
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

    // The free text of a real address as a person would write it: number, suffix, street, commune.
    private static string Text(AddressRecord a) => $"{a.Number}{(a.Suffix is null ? "" : " " + a.Suffix)} {a.Street} {a.CommuneName}";

    // What one search of each text answers, asked of the same server by a geocoder of its own (an empty cache).
    private static async Task<List<(string? Label, string? Id, double Score, string Type)>> SingleSearchesAsync(AddokFormatServer server, IEnumerable<string> texts)
    {
        using var geocoder = new AddokGeocoder(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, new AddokOptions { BaseUrl = server.BaseUrl });
        var answers = new List<(string?, string?, double, string)>();
        foreach (var text in texts)
        {
            var match = (await geocoder.GeocodeAsync(new AddressQuery(text), CancellationToken.None)).Match!;
            answers.Add((match.Label, match.Id, match.Score, Geographie.Api.Addresses.AddressStep.Wire(match.Type)));
        }
        return answers;
    }

    [Fact]
    public async Task A_CSV_batch_of_addresses_is_geocoded_in_CSV_requests_of_BatchRows_rows_with_the_single_search_answers()
    {
        await using var service = await StartAsync(batchRows: 100);
        var addresses = service.Addresses.Where(a => a.Number > 0).ToList();
        var body = new StringBuilder("id,adresse\n");
        foreach (var a in addresses)
        {
            body.Append(a.Id).Append(',').Append(AddokCsv.Quote(Text(a))).Append('\n');
        }

        var response = await service.Client.PostAsync("/v1/eligibility/batch?columns=adresse", new StringContent(body.ToString(), Encoding.UTF8, "text/csv"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        Assert.Equal(((addresses.Count + 99) / 100, 0), (service.Server.Batches, service.Server.Searches));
        var all = AddokCsv.Rows(text);
        var header = all[0];
        var rows = all.Skip(1).ToList();
        Assert.Equal(addresses.Select(a => a.Id), rows.Select(r => r[0]));
        int Column(string name) => header.IndexOf(name);
        var batch = rows.Select(r => ((string?)r[Column("result_label")], (string?)r[Column("result_id")],
            double.Parse(r[Column("result_score")], CultureInfo.InvariantCulture), r[Column("result_type")])).ToList();
        Assert.Equal(await SingleSearchesAsync(service.Server, addresses.Select(Text)), batch);
        Assert.All(rows, r => Assert.Equal("UNKNOWN", r[Column("status")]));
    }

    [Fact]
    public async Task A_JSON_batch_of_addresses_is_geocoded_in_CSV_requests_and_a_failed_request_makes_only_its_rows_UNKNOWN()
    {
        await using var service = await StartAsync(batchRows: 5);
        var addresses = service.Addresses.Where(a => a.Number > 0).Take(12).ToList();
        var body = JsonSerializer.Serialize(addresses.Select(a => new { id = a.Id, address = Text(a) }));
        service.Server.Then(new AddokFormatServer.Fault(System.Net.HttpStatusCode.ServiceUnavailable));

        var response = await service.Client.PostAsync("/v1/eligibility/batch", new StringContent(body, Encoding.UTF8, "application/json"));

        var answers = (await response.Content.ReadFromJsonAsync<JsonElement[]>())!;
        Assert.Equal((3, 0), (service.Server.Batches, service.Server.Searches));
        Assert.Equal(addresses.Select(a => a.Id), answers.Select(a => a.GetProperty("id").GetString()));
        Assert.All(answers.Take(5), a => Assert.Equal(("UNKNOWN", "address: the geocoder answered 503 Service Unavailable", false),
            (a.GetProperty("status").GetString(), a.GetProperty("reason").GetString(), a.TryGetProperty("address", out _))));
        var answered = answers.Skip(5).Select(a => a.GetProperty("address")).Select(m => (m.GetProperty("label").GetString(), m.GetProperty("id").GetString(),
            m.GetProperty("score").GetDouble(), m.GetProperty("matchType").GetString()!)).ToList();
        Assert.Equal(await SingleSearchesAsync(service.Server, addresses.Skip(5).Select(Text)), answered);
    }

    [Fact]
    public async Task A_gRPC_batch_of_addresses_is_geocoded_in_CSV_requests_in_order()
    {
        await using var service = await StartAsync(batchRows: 3);
        var addresses = service.Addresses.Where(a => a.Number > 0).Take(7).ToList();
        using var channel = GrpcChannel.ForAddress(service.Factory.Server.BaseAddress,
            new GrpcChannelOptions { HttpHandler = service.Factory.Server.CreateHandler() });
        var batch = new Geographie.Api.Grpc.V1.CheckBatchRequest();
        batch.Requests.AddRange(addresses.Select(a => new Geographie.Api.Grpc.V1.CheckRequest { Id = a.Id, Address = new Geographie.Api.Grpc.V1.Address { Text = Text(a) } }));

        var answers = (await new Geographie.Api.Grpc.V1.Eligibility.EligibilityClient(channel).CheckBatchAsync(batch)).Responses;

        Assert.Equal((3, 0), (service.Server.Batches, service.Server.Searches));
        Assert.Equal(addresses.Select(a => a.Id), answers.Select(a => a.Id));
        Assert.Equal(await SingleSearchesAsync(service.Server, addresses.Select(Text)),
            answers.Select(a => ((string?)a.Address.Label, (string?)a.Address.Id, a.Address.Score, a.Address.MatchType)).ToList());
    }

    [Fact]
    public void An_unknown_geocoder_choice_stops_the_start_naming_the_setting()
    {
        using var factory = _app.Factory.WithWebHostBuilder(web => web.UseSetting("Geographie:Addresses:Geocoder", "google"));

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Geographie:Addresses:Geocoder is 'google': it must be builtin or addok", error.ToString());
    }
}
