using System.Diagnostics.Metrics;
using Geographie.Addresses;
using Geographie.Api.Observability;

namespace Geographie.Api.Addresses;

/// <summary>
/// The geocoder the routes use, counting every answer by outcome (<c>housenumber</c>, <c>street</c>, <c>locality</c>,
/// <c>not_found</c>, <c>unusable</c>, <c>unavailable</c>) for the metric <c>geographie.addresses.geocoded</c>
/// (labels <c>geocoder</c> and <c>outcome</c>), so that unmatched addresses and an external geocoder's outages show
/// apart from the eligibility answers they become. One interlocked add per address. Thread-safe.
/// </summary>
public sealed class MeteredGeocoder : IGeocoder
{
    private static readonly string[] Outcomes = ["housenumber", "street", "locality", "not_found", "unusable", "unavailable"];

    private readonly IGeocoder _inner;
    private readonly KeyValuePair<string, object?> _geocoder;
    private readonly long[] _counts = new long[Outcomes.Length];

    /// <summary>Counts the answers of <paramref name="inner"/>, labelled <paramref name="geocoder"/> (builtin, addok), on a meter of <paramref name="meters"/>.</summary>
    public MeteredGeocoder(IGeocoder inner, string geocoder, IMeterFactory meters)
    {
        _inner = inner;
        _geocoder = new KeyValuePair<string, object?>("geocoder", geocoder);
        meters.Create(GeographieMetrics.MeterName).CreateObservableCounter("geographie.addresses.geocoded", Measurements, "{address}",
            "Addresses geocoded since the process started, by geocoder and outcome");
    }

    /// <inheritdoc />
    public async ValueTask<AddressAnswer> GeocodeAsync(AddressQuery query, CancellationToken cancellationToken)
    {
        var answer = await _inner.GeocodeAsync(query, cancellationToken);
        Interlocked.Increment(ref _counts[Outcome(answer)]);
        return answer;
    }

    /// <inheritdoc />
    public async ValueTask<AddressAnswer[]> GeocodeBatchAsync(IReadOnlyList<AddressQuery> queries, CancellationToken cancellationToken)
    {
        var answers = await _inner.GeocodeBatchAsync(queries, cancellationToken);
        foreach (var answer in answers)
        {
            Interlocked.Increment(ref _counts[Outcome(answer)]);
        }
        return answers;
    }

    private static int Outcome(AddressAnswer answer) => answer switch
    {
        { Match.Type: var type } => (int)type,
        { Unavailable: true } => 5,
        { BadQuery: true } => 4,
        _ => 3,
    };

    private IEnumerable<Measurement<long>> Measurements()
    {
        for (var i = 0; i < Outcomes.Length; i++)
        {
            if (Volatile.Read(ref _counts[i]) is var count and > 0)
            {
                yield return new Measurement<long>(count, _geocoder, new KeyValuePair<string, object?>("outcome", Outcomes[i]));
            }
        }
    }
}
