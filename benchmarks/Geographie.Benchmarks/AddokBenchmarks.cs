using BenchmarkDotNet.Attributes;
using Geographie.Addresses;
using Geographie.Addresses.Addok;
using Geographie.Addresses.Addok.Tests.Support;
using Geographie.Import.Addresses;

namespace Geographie.Benchmarks;

/// <summary>
/// A 10,000-row address file geocoded through the external client (<see cref="AddokGeocoder"/>) against a local
/// addok-format server (Kestrel on loopback, answering from the built-in index of the real BAL of Mont-Bonvillers):
/// CSV batches of 1,000 and of 100 rows, and single searches one after the other (a row's latency). The rows are the
/// 486 real addresses as written by a person, THE EXTRACT REPEATED to 10,000; the cache is off so that every row is
/// asked, and the rate limit is lifted (the local server publishes none). Peer in the same run: the built-in
/// geocoder in process. Mean reads as time per row.
/// </summary>
public class AddokBenchmarks
{
    private const int Rows = 10_000;

    private AddokFormatServer _server = null!;
    private AddressIndex _index = null!;
    private AddressQuery[] _queries = null!;
    private AddokGeocoder _batches1000 = null!;
    private AddokGeocoder _batches100 = null!;
    private AddokGeocoder _single = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        var records = AddressFileReader.Read(Path.Combine(Workloads.Root, "geodata", "addresses", "bal_54084_mont-bonvillers.csv"), out _);
        _index = new AddressIndex(records);
        _queries = Enumerable.Range(0, Rows).Select(i => records[i % records.Count]).Select(a => new AddressQuery(
            $"{(a.Number > 0 ? a.Number + (a.Suffix is null ? "" : " " + a.Suffix) + " " : "")}{a.Street} {a.CommuneName}")).ToArray();
        _server = AddokFormatServer.StartAsync(records).GetAwaiter().GetResult();
        _batches1000 = Geocoder(1_000);
        _batches100 = Geocoder(100);
        _single = Geocoder(1);
    }

    private AddokGeocoder Geocoder(int batchRows) => new(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, new AddokOptions
    {
        BaseUrl = _server.BaseUrl,
        BatchRows = batchRows,
        CacheSize = 0,
        RequestsPerSecond = 1_000_000,
    });

    [GlobalCleanup]
    public void Cleanup()
    {
        _batches1000.Dispose();
        _batches100.Dispose();
        _single.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public int BuiltInInProcess() => _queries.Count(q => _index.Search(q).Match is not null);

    [Benchmark(OperationsPerInvoke = Rows)]
    public int AddokCsvBatchesOf1000() => Found(_batches1000.GeocodeBatchAsync(_queries, CancellationToken.None).AsTask().GetAwaiter().GetResult());

    [Benchmark(OperationsPerInvoke = Rows)]
    public int AddokCsvBatchesOf100() => Found(_batches100.GeocodeBatchAsync(_queries, CancellationToken.None).AsTask().GetAwaiter().GetResult());

    [Benchmark(OperationsPerInvoke = Rows)]
    public int AddokSingleSearchesInTurn()
    {
        var found = 0;
        foreach (var query in _queries)
        {
            found += _single.GeocodeAsync(query, CancellationToken.None).AsTask().GetAwaiter().GetResult().Match is not null ? 1 : 0;
        }
        return found;
    }

    // Every row must be found, or the figure would time failures.
    private static int Found(AddressAnswer[] answers) =>
        answers.All(a => a.Match is not null) ? answers.Length : throw new InvalidOperationException($"{answers.Count(a => a.Match is null)} rows not found: {answers.First(a => a.Match is null).Problem}");
}
