using System.Net;
using Geographie.Addresses.Addok.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static Geographie.Addresses.Addok.Tests.Support.AddokFormatServer;

namespace Geographie.Addresses.Addok.Tests;

/// <summary>
/// The external geocoder against a local server speaking addok's formats, answering with the real BAL of
/// Mont-Bonvillers: answers, nothing found, and the error and slow paths (retry, timeout, circuit, 429, cache, rate
/// limit). Time is a fake clock wherever the behaviour depends on it, so that nothing here is timed.
/// </summary>
public sealed class AddokGeocoderTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static AddokGeocoder Geocoder(AddokFormatServer server, AddokOptions? options = null, TimeProvider? time = null, System.Threading.RateLimiting.RateLimiter? limiter = null)
    {
        options ??= new AddokOptions();
        options.BaseUrl = server.BaseUrl;
        return new AddokGeocoder(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, options, time, limiter);
    }

    private static AddressQuery Query(AddressRecord a) => new(MontBonvillers.Text(a));

    // Waits (without asserting on time) until the server has seen `count` requests.
    private static async Task SeenAsync(Func<int> requests, int count)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (requests() < count)
        {
            await Task.Delay(10, patience.Token);
        }
    }

    [Fact]
    public async Task A_single_search_answers_with_the_real_address_and_addoks_score_and_type()
    {
        await using var server = await StartAsync(MontBonvillers.Addresses);
        using var geocoder = Geocoder(server);
        var address = MontBonvillers.Numbered.First(a => a.Suffix is not null);

        var answer = await geocoder.GeocodeAsync(Query(address), CancellationToken.None);

        var match = Assert.IsType<AddressMatch>(answer.Match);
        Assert.Equal((address.Label, address.Id, 1.0, AddressMatchType.HouseNumber), (match.Label, match.Id, match.Score, match.Type));
        Assert.Equal((address.Lon, address.Lat), (match.Lon, match.Lat));
        Assert.Equal(0, match.PlausibleErrorM(AddressMatch.DefaultThreshold));
        Assert.Equal(1, server.Searches);
    }

    [Fact]
    public async Task Filters_go_to_addok_as_filters()
    {
        await using var server = await StartAsync(MontBonvillers.Addresses);
        using var geocoder = Geocoder(server);
        var address = MontBonvillers.Numbered.First();

        var kept = await geocoder.GeocodeAsync(new AddressQuery($"{address.Number} {address.Street}", CityCode: "54084"), CancellationToken.None);
        var elsewhere = await geocoder.GeocodeAsync(new AddressQuery($"{address.Number} {address.Street}", CityCode: "13055"), CancellationToken.None);

        Assert.Equal(address.Id, kept.Match?.Id);
        Assert.Null(elsewhere.Match);
        Assert.False(elsewhere.Unavailable);
    }

    [Fact]
    public async Task A_base_url_without_its_final_slash_keeps_its_path()
    {
        var handler = new RecordingHandler();
        using var geocoder = new AddokGeocoder(new HttpClient(handler), new AddokOptions { BaseUrl = new Uri("http://addok.example/geocoder"), Retries = 0 });

        await geocoder.GeocodeAsync(new AddressQuery("1 rue Joffre", CityCode: "54084"), CancellationToken.None);

        Assert.Equal("http://addok.example/geocoder/search/?q=1%20rue%20Joffre&limit=1&citycode=54084", handler.Asked?.AbsoluteUri);
    }

    // Records the URL asked and answers an empty FeatureCollection, as addok does when nothing matches.
    private sealed class RecordingHandler : HttpMessageHandler
    {
        public Uri? Asked { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Asked = request.RequestUri;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"type":"FeatureCollection","features":[]}""") });
        }
    }

    [Fact]
    public async Task No_result_is_not_found_with_the_query_in_the_reason()
    {
        await using var server = await StartAsync(MontBonvillers.Addresses);
        using var geocoder = Geocoder(server);

        var answer = await geocoder.GeocodeAsync(new AddressQuery("12 avenue des Champs-Elysees 75008 Paris"), CancellationToken.None);

        Assert.Null(answer.Match);
        Assert.False(answer.BadQuery);
        Assert.False(answer.Unavailable);
        Assert.Equal(new AddressProblem(AddressFault.GeocoderFoundNothing, "12 avenue des Champs-Elysees 75008 Paris"), answer.Problem);
    }

    [Fact]
    public async Task A_query_that_cannot_be_used_is_refused_before_any_request()
    {
        await using var server = await StartAsync(MontBonvillers.Addresses);
        using var geocoder = Geocoder(server);

        var badPostcode = await geocoder.GeocodeAsync(new AddressQuery(Street: "rue Joffre", Postcode: "5411"), CancellationToken.None);
        var empty = await geocoder.GeocodeAsync(new AddressQuery(" "), CancellationToken.None);

        Assert.True(badPostcode.BadQuery);
        Assert.Equal(new AddressProblem(AddressFault.PostcodeMalformed, "5411"), badPostcode.Problem);
        Assert.True(empty.BadQuery);
        Assert.Equal(0, server.Searches);
    }

    [Fact]
    public async Task A_400_is_the_querys_fault_and_is_not_retried()
    {
        await using var server = await StartAsync(MontBonvillers.Addresses);
        using var geocoder = Geocoder(server, new AddokOptions { BackoffMs = 1 });

        var answer = await geocoder.GeocodeAsync(new AddressQuery("r"), CancellationToken.None);

        Assert.True(answer.BadQuery);
        Assert.Equal(new AddressProblem(AddressFault.GeocoderRefused, "q must contain at least 3 chars and start with a number or a letter"), answer.Problem);
        Assert.Equal(1, server.Searches);
    }

    [Fact]
    public async Task Another_4xx_is_the_services_fault_unavailable_and_not_retried()
    {
        await using var server = await StartAsync(MontBonvillers.Addresses);
        using var geocoder = Geocoder(server, new AddokOptions { BackoffMs = 1 });
        server.Then(new Fault(HttpStatusCode.Forbidden));

        var answer = await geocoder.GeocodeAsync(Query(MontBonvillers.Numbered.First()), CancellationToken.None);

        Assert.True(answer.Unavailable);
        Assert.Equal(new AddressProblem(AddressFault.GeocoderStatus, "403 Forbidden"), answer.Problem);
        Assert.Equal(1, server.Searches);
    }

    [Fact]
    public async Task A_5xx_is_retried_and_the_retry_answers()
    {
        await using var server = await StartAsync(MontBonvillers.Addresses);
        using var geocoder = Geocoder(server, new AddokOptions { BackoffMs = 1 });
        var address = MontBonvillers.Numbered.Last();
        server.Then(new Fault(HttpStatusCode.ServiceUnavailable), new Fault(HttpStatusCode.BadGateway));

        var answer = await geocoder.GeocodeAsync(Query(address), CancellationToken.None);

        Assert.Equal(address.Id, answer.Match?.Id);
        Assert.Equal(3, server.Searches);
    }

    [Fact]
    public async Task A_5xx_on_every_attempt_is_unavailable_after_the_retries()
    {
        await using var server = await StartAsync(MontBonvillers.Addresses);
        using var geocoder = Geocoder(server, new AddokOptions { BackoffMs = 1, Retries = 2, FailuresBeforeOpen = 10 });
        server.Then(Enumerable.Repeat(new Fault(HttpStatusCode.InternalServerError), 3).ToArray());

        var answer = await geocoder.GeocodeAsync(Query(MontBonvillers.Numbered.First()), CancellationToken.None);

        Assert.True(answer.Unavailable);
        Assert.Equal(new AddressProblem(AddressFault.GeocoderStatus, "500 Internal Server Error"), answer.Problem);
        Assert.Equal(3, server.Searches);
    }

    [Fact]
    public async Task A_slow_answer_times_out_is_retried_then_unavailable()
    {
        await using var server = await StartAsync(MontBonvillers.Addresses);
        using var geocoder = Geocoder(server, new AddokOptions { TimeoutMs = 100, BackoffMs = 1, Retries = 1 });
        server.Then(Fault.Hangs, Fault.Hangs);

        var answer = await geocoder.GeocodeAsync(Query(MontBonvillers.Numbered.First()), CancellationToken.None);

        Assert.True(answer.Unavailable);
        Assert.Equal(new AddressProblem(AddressFault.GeocoderTimeout), answer.Problem);
        Assert.Equal(2, server.Searches);
    }

    [Fact]
    public async Task Repeated_failures_open_the_circuit_which_lets_one_trial_through_after_the_break()
    {
        await using var server = await StartAsync(MontBonvillers.Addresses);
        var time = new FakeTimeProvider();
        using var geocoder = Geocoder(server, new AddokOptions { Retries = 0, FailuresBeforeOpen = 3, OpenMs = 30_000, CacheSize = 0 }, time);
        var address = MontBonvillers.Numbered.First();
        server.Then(Enumerable.Repeat(new Fault(HttpStatusCode.ServiceUnavailable), 4).ToArray());

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(new AddressProblem(AddressFault.GeocoderStatus, "503 Service Unavailable"), (await geocoder.GeocodeAsync(Query(address), CancellationToken.None)).Problem);
        }
        var open = await geocoder.GeocodeAsync(Query(address), CancellationToken.None);
        Assert.True(open.Unavailable);
        Assert.Equal(new AddressProblem(AddressFault.GeocoderCircuitOpen), open.Problem);
        Assert.Equal(3, server.Searches);

        // Half-open after the break: one trial goes through; it fails (the fourth fault), so the circuit opens again.
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(new AddressProblem(AddressFault.GeocoderStatus, "503 Service Unavailable"), (await geocoder.GeocodeAsync(Query(address), CancellationToken.None)).Problem);
        Assert.Equal(new AddressProblem(AddressFault.GeocoderCircuitOpen), (await geocoder.GeocodeAsync(Query(address), CancellationToken.None)).Problem);
        Assert.Equal(4, server.Searches);

        // The next trial succeeds and closes it.
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(address.Id, (await geocoder.GeocodeAsync(Query(address), CancellationToken.None)).Match?.Id);
        Assert.Equal(address.Id, (await geocoder.GeocodeAsync(Query(address), CancellationToken.None)).Match?.Id);
        Assert.Equal(6, server.Searches);
    }

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After_not_after_the_backoff()
    {
        await using var server = await StartAsync(MontBonvillers.Addresses);
        var time = new FakeTimeProvider();
        using var geocoder = Geocoder(server, new AddokOptions { BackoffMs = 100 }, time);
        var address = MontBonvillers.Numbered.First();
        server.Then(new Fault(HttpStatusCode.TooManyRequests, RetryAfterSeconds: 5));

        var pending = geocoder.GeocodeAsync(Query(address), CancellationToken.None).AsTask();
        await SeenAsync(() => server.Searches, 1);
        // The fake clock moves on by 100 ms steps until the retry arrives: not before 5 s (the backoff alone would be 100 ms).
        var waited = TimeSpan.Zero;
        using var patience = new CancellationTokenSource(Patience);
        while (server.Searches < 2)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            waited += TimeSpan.FromMilliseconds(100);
            await Task.Delay(10, patience.Token);
        }

        Assert.True(waited >= TimeSpan.FromSeconds(5), $"retried after {waited}");
        Assert.Equal(address.Id, (await pending.WaitAsync(Patience)).Match?.Id);
        Assert.Equal(2, server.Searches);
    }

    [Fact]
    public void Retry_After_is_obeyed_in_seconds_or_as_a_date_and_capped()
    {
        var options = new AddokOptions { MaxRetryAfterMs = 10_000 };
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new(TimeSpan.FromSeconds(3)) } };
        using var tooLong = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new(TimeSpan.FromMinutes(5)) } };
        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Headers = { RetryAfter = new(DateTimeOffset.UtcNow.AddMinutes(1)) } };
        using var none = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Equal(TimeSpan.FromSeconds(3), AddokResilience.RetryAfter(seconds, options));
        Assert.Equal(TimeSpan.FromSeconds(10), AddokResilience.RetryAfter(tooLong, options));
        Assert.Equal(TimeSpan.FromSeconds(10), AddokResilience.RetryAfter(date, options));
        Assert.Null(AddokResilience.RetryAfter(none, options));
    }

    [Fact]
    public async Task The_cache_answers_the_same_address_written_otherwise_without_a_request()
    {
        await using var server = await StartAsync(MontBonvillers.Addresses);
        using var geocoder = Geocoder(server);
        var address = MontBonvillers.Numbered.First(a => a.Street.StartsWith("Rue ", StringComparison.Ordinal));

        var first = await geocoder.GeocodeAsync(Query(address), CancellationToken.None);
        var again = await geocoder.GeocodeAsync(new AddressQuery($"{address.Number}{address.Suffix} r. {address.Street[4..].ToUpperInvariant()}  {address.CommuneName}"), CancellationToken.None);

        Assert.Equal(address.Id, first.Match?.Id);
        Assert.Equal(first, again);
        Assert.Equal(1, server.Searches);
        Assert.Equal(1, geocoder.Cached);
    }

    [Fact]
    public async Task An_unavailable_answer_is_not_cached()
    {
        await using var server = await StartAsync(MontBonvillers.Addresses);
        using var geocoder = Geocoder(server, new AddokOptions { Retries = 0 });
        var address = MontBonvillers.Numbered.First();
        server.Then(new Fault(HttpStatusCode.ServiceUnavailable));

        Assert.True((await geocoder.GeocodeAsync(Query(address), CancellationToken.None)).Unavailable);
        Assert.Equal(address.Id, (await geocoder.GeocodeAsync(Query(address), CancellationToken.None)).Match?.Id);
        Assert.Equal(2, server.Searches);
    }

    [Fact]
    public async Task The_cache_is_bounded_and_drops_its_oldest_answers()
    {
        await using var server = await StartAsync(MontBonvillers.Addresses);
        using var geocoder = Geocoder(server, new AddokOptions { CacheSize = 3 });
        var addresses = MontBonvillers.Numbered.Take(4).ToList();

        foreach (var address in addresses)
        {
            await geocoder.GeocodeAsync(Query(address), CancellationToken.None);
        }
        await geocoder.GeocodeAsync(Query(addresses[3]), CancellationToken.None);
        await geocoder.GeocodeAsync(Query(addresses[0]), CancellationToken.None);

        Assert.Equal(3, geocoder.Cached);
        Assert.Equal(5, server.Searches);
    }

    [Fact]
    public async Task The_rate_limit_lets_50_requests_through_per_refill_by_default_the_rest_wait()
    {
        await using var server = await StartAsync(MontBonvillers.Addresses);
        // The default limiter, refilled by hand: requests are counted, not timed.
        using var limiter = AddokResilience.RateLimiter(new AddokOptions(), autoReplenishment: false);
        using var geocoder = Geocoder(server, new AddokOptions { CacheSize = 0 }, limiter: limiter);
        var addresses = MontBonvillers.Numbered.Take(60).ToList();

        var pending = addresses.Select(a => geocoder.GeocodeAsync(Query(a), CancellationToken.None).AsTask()).ToList();
        await SeenAsync(() => pending.Count(p => p.IsCompleted), 50);
        await Task.WhenAny(Task.WhenAll(pending), Task.Delay(500));
        Assert.Equal(50, server.Searches);
        Assert.Equal(10, pending.Count(p => !p.IsCompleted));

        Assert.True(limiter.TryReplenish());
        var answers = await Task.WhenAll(pending).WaitAsync(Patience);
        Assert.Equal(60, server.Searches);
        Assert.Equal(addresses.Select(a => a.Id), answers.Select(a => a.Match?.Id));
    }
}
