using System.Net;
using Geographie.Addresses.Addok.Tests.Support;
using static Geographie.Addresses.Addok.Tests.Support.AddokFormatServer;

namespace Geographie.Addresses.Addok.Tests;

/// <summary>CSV batches (<c>POST /search/csv/</c>) against the local addok-format server answering with the real BAL of Mont-Bonvillers.</summary>
public sealed class AddokBatchTests
{
    private static AddokGeocoder Geocoder(AddokFormatServer server, AddokOptions options)
    {
        options.BaseUrl = server.BaseUrl;
        return new AddokGeocoder(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, options);
    }

    [Fact]
    public async Task A_batch_is_sent_in_chunks_and_answered_row_for_row_in_order()
    {
        await using var server = await StartAsync(MontBonvillers.Addresses);
        using var geocoder = Geocoder(server, new AddokOptions { BatchRows = 4 });
        var addresses = MontBonvillers.Numbered.Take(9).ToList();
        var queries = addresses.Select(a => new AddressQuery(MontBonvillers.Text(a))).ToList();
        queries.Insert(5, new AddressQuery("12 avenue des Champs-Elysees", Postcode: "75008"));
        queries.Insert(2, new AddressQuery(Street: "rue Joffre", Postcode: "5411"));

        var answers = await geocoder.GeocodeBatchAsync(queries, CancellationToken.None);

        Assert.Equal(11, answers.Length);
        Assert.True(answers[2].BadQuery);
        Assert.Equal(new AddressProblem(AddressFault.GeocoderFoundNothing, "12 avenue des Champs-Elysees 75008"), answers[6].Problem);
        var found = answers.Where((_, i) => i is not 2 and not 6).ToList();
        Assert.Equal(addresses.Select(a => ((string?)a.Id, a.Label, a.Lon, a.Lat)), found.Select(a => (a.Match!.Id, a.Match.Label, a.Match.Lon, a.Match.Lat)));
        Assert.All(found, a => Assert.Equal((1.0, AddressMatchType.HouseNumber), (a.Match!.Score, a.Match.Type)));
        // 10 usable rows in chunks of 4; the unusable one never leaves.
        Assert.Equal(3, server.Batches);
    }

    [Fact]
    public async Task Answers_already_cached_are_not_sent_again()
    {
        await using var server = await StartAsync(MontBonvillers.Addresses);
        using var geocoder = Geocoder(server, new AddokOptions { BatchRows = 100 });
        var queries = MontBonvillers.Numbered.Take(20).Select(a => new AddressQuery(MontBonvillers.Text(a))).ToList();

        var first = await geocoder.GeocodeBatchAsync(queries, CancellationToken.None);
        var single = await geocoder.GeocodeAsync(queries[7], CancellationToken.None);
        var again = await geocoder.GeocodeBatchAsync(queries, CancellationToken.None);

        Assert.Equal(first, again);
        Assert.Equal(first[7], single);
        Assert.Equal((1, 0), (server.Batches, server.Searches));
    }

    [Fact]
    public async Task A_failed_chunk_makes_its_rows_unavailable_and_not_the_others()
    {
        await using var server = await StartAsync(MontBonvillers.Addresses);
        using var geocoder = Geocoder(server, new AddokOptions { BatchRows = 5, Retries = 0 });
        var queries = MontBonvillers.Numbered.Take(10).Select(a => new AddressQuery(MontBonvillers.Text(a))).ToList();
        server.Then(new Fault(HttpStatusCode.ServiceUnavailable));

        var answers = await geocoder.GeocodeBatchAsync(queries, CancellationToken.None);

        Assert.All(answers.Take(5), a => Assert.Equal((true, new AddressProblem(AddressFault.GeocoderStatus, "503 Service Unavailable")), (a.Unavailable, a.Problem)));
        Assert.All(answers.Skip(5), a => Assert.NotNull(a.Match));
        Assert.Equal(2, server.Batches);
    }

    [Fact]
    public async Task A_batch_refused_with_a_400_blames_no_row()
    {
        await using var server = await StartAsync(MontBonvillers.Addresses);
        using var geocoder = Geocoder(server, new AddokOptions { Retries = 0 });
        server.Then(new Fault(HttpStatusCode.BadRequest));

        var answers = await geocoder.GeocodeBatchAsync([new AddressQuery(MontBonvillers.Text(MontBonvillers.Numbered.First()))], CancellationToken.None);

        Assert.Equal((true, false), (answers[0].Unavailable, answers[0].BadQuery));
    }
}
