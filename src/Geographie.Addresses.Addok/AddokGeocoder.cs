using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Geographie.Addresses.Addok;

/// <summary>
/// The external geocoder: an addok-compatible API (the national BAN API or a self-hosted addok) asked one query at
/// a time (<c>GET search/?q=&amp;postcode=&amp;citycode=&amp;limit=1</c>) or in CSV batches (<c>POST search/csv/</c>,
/// <see cref="AddokOptions.BatchRows"/> rows a request), through <see cref="AddokResilience"/> and a bounded cache of
/// answers. It never throws for the service's sake: a query that cannot be used is
/// <see cref="AddressAnswer.Unusable"/> (checked as the built-in geocoder checks it, before any request), nothing
/// found is <see cref="AddressAnswer.NotFound"/>, and a service that is down, too slow, refusing us or whose circuit
/// is open is <see cref="AddressAnswer.NotAvailable"/>. Thread-safe; one instance per base URL, so that the rate
/// limit and the circuit are shared by every caller.
/// </summary>
public sealed class AddokGeocoder : IGeocoder, IDisposable
{
    private readonly HttpClient _http;
    private readonly AddokOptions _options;
    private readonly RateLimiter _limiter;
    private readonly bool _ownsLimiter;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly AnswerCache _cache;

    /// <summary>
    /// A geocoder asking through <paramref name="http"/> (its base address is set to <see cref="AddokOptions.BaseUrl"/>
    /// when it has none; its own timeout should be infinite, the per-request timeouts being ours).
    /// <paramref name="time"/> and <paramref name="limiter"/> replace the clock and the rate limiter (tests); a
    /// limiter given is not disposed with the geocoder.
    /// </summary>
    public AddokGeocoder(HttpClient http, AddokOptions options, TimeProvider? time = null, RateLimiter? limiter = null)
    {
        _http = http;
        // A root without its final slash would lose its last segment when search/ is resolved against it.
        _http.BaseAddress ??= options.BaseUrl.AbsoluteUri.EndsWith('/') ? options.BaseUrl : new Uri(options.BaseUrl.AbsoluteUri + "/");
        _options = options;
        _ownsLimiter = limiter is null;
        _limiter = limiter ?? AddokResilience.RateLimiter(options);
        _pipeline = AddokResilience.Pipeline(options, _limiter, time ?? TimeProvider.System);
        _cache = new AnswerCache(options.CacheSize);
    }

    /// <summary>The number of answers in the cache.</summary>
    public int Cached => _cache.Count;

    /// <inheritdoc />
    public async ValueTask<AddressAnswer> GeocodeAsync(AddressQuery query, CancellationToken cancellationToken)
    {
        if (query.Problem() is { } problem)
        {
            return AddressAnswer.Unusable(problem);
        }
        var key = AnswerCache.Key(query);
        if (_cache.TryGet(key, out var cached))
        {
            return cached;
        }
        var answer = await AskAsync(query, cancellationToken);
        _cache.Add(key, answer);
        return answer;
    }

    /// <summary>
    /// Geocodes <paramref name="queries"/>, one answer each in order: unusable ones answered at once, cached ones from
    /// the cache, the rest sent in CSV batches of <see cref="AddokOptions.BatchRows"/> rows, one after the other. A
    /// batch that fails makes its rows <see cref="AddressAnswer.NotAvailable"/>, not the others.
    /// </summary>
    public async ValueTask<AddressAnswer[]> GeocodeBatchAsync(IReadOnlyList<AddressQuery> queries, CancellationToken cancellationToken)
    {
        var answers = new AddressAnswer[queries.Count];
        var pending = new List<(int Index, string Key)>();
        for (var i = 0; i < queries.Count; i++)
        {
            if (queries[i].Problem() is { } problem)
            {
                answers[i] = AddressAnswer.Unusable(problem);
            }
            else if (AnswerCache.Key(queries[i]) is var key && _cache.TryGet(key, out var cached))
            {
                answers[i] = cached;
            }
            else
            {
                pending.Add((i, key));
            }
        }
        foreach (var chunk in pending.Chunk(Math.Max(_options.BatchRows, 1)))
        {
            var results = await AskBatchAsync(chunk.Select(p => queries[p.Index]).ToList(), cancellationToken);
            for (var j = 0; j < chunk.Length; j++)
            {
                answers[chunk[j].Index] = results[j];
                _cache.Add(chunk[j].Key, results[j]);
            }
        }
        return answers;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsLimiter)
        {
            _limiter.Dispose();
        }
    }

    private async Task<AddressAnswer> AskAsync(AddressQuery query, CancellationToken cancellationToken)
    {
        var url = AddokQueries.SearchUrl(query);
        return await GuardedAsync(async () =>
        {
            using var response = await SendAsync(c => _http.GetAsync(url, c), batch: false, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return await RefusedAsync(response, cancellationToken);
            }
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            return FirstFeature(json.RootElement) is { } result
                ? AddressAnswer.Found(result.ToMatch(_options))
                : NothingFound(query);
        }, unavailable => unavailable);
    }

    private async Task<AddressAnswer[]> AskBatchAsync(List<AddressQuery> queries, CancellationToken cancellationToken)
    {
        var file = AddokCsv.Write(queries);
        AddressAnswer[] All(AddressAnswer answer) => Enumerable.Repeat(answer, queries.Count).ToArray();
        return await GuardedAsync(async () =>
        {
            using var response = await SendAsync(c => _http.PostAsync("search/csv/", BatchForm(file), c), batch: true, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                // A refused batch is our file's fault, not one caller's address: no row is to blame.
                return All(await RefusedAsync(response, cancellationToken) with { BadQuery = false, Unavailable = true });
            }
            var results = AddokCsv.Read(await response.Content.ReadAsStringAsync(cancellationToken));
            return results is null || results.Count != queries.Count
                ? All(AddressAnswer.NotAvailable(new AddressProblem(AddressFault.GeocoderCsvUnreadable)))
                : results.Select((r, i) => r is null ? NothingFound(queries[i]) : AddressAnswer.Found(r.ToMatch(_options))).ToArray();
        }, All);
    }

    // One call through the resilience pipeline; send builds a fresh request for every attempt.
    private async Task<HttpResponseMessage> SendAsync(Func<CancellationToken, Task<HttpResponseMessage>> send, bool batch, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(AddokResilience.Batch, batch);
        try
        {
            return await _pipeline.ExecuteAsync(static async (c, s) => await s(c.CancellationToken), context, send);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    // The failures of the service (not the caller's cancellation) become an "unavailable" answer.
    private static async Task<T> GuardedAsync<T>(Func<Task<T>> ask, Func<AddressAnswer, T> unavailable)
    {
        try
        {
            return await ask();
        }
        catch (BrokenCircuitException)
        {
            return unavailable(AddressAnswer.NotAvailable(new AddressProblem(AddressFault.GeocoderCircuitOpen)));
        }
        catch (TimeoutRejectedException)
        {
            return unavailable(AddressAnswer.NotAvailable(new AddressProblem(AddressFault.GeocoderTimeout)));
        }
        catch (RateLimiterRejectedException)
        {
            return unavailable(AddressAnswer.NotAvailable(new AddressProblem(AddressFault.GeocoderRateLimited)));
        }
        catch (HttpRequestException e)
        {
            return unavailable(AddressAnswer.NotAvailable(new AddressProblem(AddressFault.GeocoderUnreachable, e.HttpRequestError.ToString())));
        }
        catch (JsonException)
        {
            return unavailable(AddressAnswer.NotAvailable(new AddressProblem(AddressFault.GeocoderUnreadable)));
        }
    }

    // A 400 is about the query (addok says what in "message"); any other refusal is about the service.
    private static async Task<AddressAnswer> RefusedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            return AddressAnswer.NotAvailable(new AddressProblem(AddressFault.GeocoderStatus, $"{(int)response.StatusCode} {response.ReasonPhrase}"));
        }
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        string? message = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            message = json.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        }
        catch (JsonException)
        {
            // Not addok's JSON error: the status says enough.
        }
        return AddressAnswer.Unusable(new AddressProblem(AddressFault.GeocoderRefused, message ?? body));
    }

    private static MultipartFormDataContent BatchForm(string file)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(file, Encoding.UTF8, "text/csv"), "data", "addresses.csv" },
            { new StringContent("q"), "columns" },
            { new StringContent("postcode"), "postcode" },
            { new StringContent("citycode"), "citycode" },
        };
        return form;
    }

    // The best feature of a GeoJSON FeatureCollection, or null when it has none.
    private static AddokResult? FirstFeature(JsonElement root)
    {
        if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("no features array");
        }
        if (features.GetArrayLength() == 0)
        {
            return null;
        }
        var feature = features[0];
        var properties = feature.GetProperty("properties");
        var coordinates = feature.GetProperty("geometry").GetProperty("coordinates");
        string? Text(string name) => properties.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        return new AddokResult(
            Text("label") ?? throw new JsonException("a feature without label"),
            properties.TryGetProperty("score", out var score) && score.ValueKind == JsonValueKind.Number ? score.GetDouble() : 0,
            Text("type") ?? "",
            Text("id") ?? Text("banId"),
            coordinates[0].GetDouble(),
            coordinates[1].GetDouble());
    }

    private static AddressAnswer NothingFound(AddressQuery query) =>
        AddressAnswer.NotFound(new AddressProblem(AddressFault.GeocoderFoundNothing, query.OneLine()));
}
