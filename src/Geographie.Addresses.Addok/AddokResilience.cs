using System.Net;
using System.Threading.RateLimiting;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace Geographie.Addresses.Addok;

/// <summary>
/// The resilience of calls to an addok-compatible API (Polly), outermost first: retries with exponential backoff
/// (on 5xx, 429, timeouts and failed connections, never on another 4xx; a 429's <c>Retry-After</c> is obeyed up to
/// <see cref="AddokOptions.MaxRetryAfterMs"/>); a circuit breaker that opens after
/// <see cref="AddokOptions.FailuresBeforeOpen"/> failures in a row and lets one trial through after
/// <see cref="AddokOptions.OpenMs"/>; the client-side rate limit (every attempt counts); a timeout per attempt.
/// </summary>
public static class AddokResilience
{
    /// <summary>Set on a call's context to give it the CSV batch timeout instead of the single search's.</summary>
    public static readonly ResiliencePropertyKey<bool> Batch = new("geographie.addok.batch");

    /// <summary>
    /// The rate limiter of <paramref name="options"/>: a token bucket of <see cref="AddokOptions.RequestsPerSecond"/>
    /// tokens refilled every second. <paramref name="autoReplenishment"/> false leaves the refill to the caller
    /// (<see cref="RateLimiter"/>.TryReplenish), so that a test counts requests instead of timing them.
    /// </summary>
    public static TokenBucketRateLimiter RateLimiter(AddokOptions options, bool autoReplenishment = true) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = options.RequestsPerSecond,
        TokensPerPeriod = options.RequestsPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = options.QueueLimit,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = autoReplenishment,
    });

    /// <summary>Builds the pipeline; <paramref name="time"/> drives backoff, timeouts and the circuit (a fake one in tests).</summary>
    public static ResiliencePipeline<HttpResponseMessage> Pipeline(AddokOptions options, RateLimiter limiter, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.Retries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(options.BackoffMs),
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome) || args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, options)),
            });
        }
        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                // Every call in the window failed and there were at least N: N failures in a row.
                FailureRatio = 1.0,
                MinimumThroughput = Math.Max(options.FailuresBeforeOpen, 2),
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromMilliseconds(Math.Max(options.OpenMs, 500)),
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            })
            .AddRateLimiter(new RateLimiterStrategyOptions { RateLimiter = args => limiter.AcquireAsync(1, args.Context.CancellationToken) })
            .AddTimeout(new TimeoutStrategyOptions
            {
                TimeoutGenerator = args => ValueTask.FromResult(TimeSpan.FromMilliseconds(
                    args.Context.Properties.GetValue(Batch, false) ? options.BatchTimeoutMs : options.TimeoutMs)),
            })
            .Build();
    }

    /// <summary>
    /// The delay before a retry after <paramref name="response"/>: its <c>Retry-After</c> (seconds or a date), at
    /// most <see cref="AddokOptions.MaxRetryAfterMs"/>; null (the exponential backoff) when it gives none.
    /// </summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, AddokOptions options)
    {
        var header = response?.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return delay is { } d ? TimeSpan.FromMilliseconds(Math.Clamp(d.TotalMilliseconds, 0, options.MaxRetryAfterMs)) : null;
    }

    // A server error, a timeout or a connection that failed: worth another try, and a sign the service is unwell.
    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome.Exception is HttpRequestException or TimeoutRejectedException
        || (int?)outcome.Result?.StatusCode >= 500;
}
