using System.Diagnostics.Metrics;
using Geographie.Api.Data;
using Geographie.Api.Tiles;
using Geographie.Domain.Eligibility;
using Geographie.Domain.Geography;

namespace Geographie.Api.Observability;

/// <summary>
/// Geographie's own instruments (meter <see cref="MeterName"/>), beside the ASP.NET Core, Kestrel, gRPC, Npgsql and
/// runtime ones: answers by status and geography, batch sizes, the snapshot (revision, age, build time, database
/// reachability), the tile cache, and import outcomes. Everything but batch sizes is observed at collection time from
/// counters the service keeps anyway, so the answer path pays nothing for metrics beyond one interlocked add.
/// </summary>
public sealed class GeographieMetrics
{
    /// <summary>The meter name to export.</summary>
    public const string MeterName = "Geographie";

    private readonly Histogram<long> _batchPoints;

    /// <summary>Creates the instruments on a meter of <paramref name="meters"/>.</summary>
    public GeographieMetrics(IMeterFactory meters, GeographyState state, EligibilityChecker checker, TileService tiles, TimeProvider time)
    {
        var meter = meters.Create(MeterName);
        _batchPoints = meter.CreateHistogram<long>("geographie.eligibility.batch.points", "{point}",
            "Points per batch request (gRPC CheckBatch and CheckStream, REST JSON and CSV)",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000] });
        meter.CreateObservableCounter("geographie.eligibility.answers", () => Answers(checker.Answers), "{answer}",
            "Eligibility answers by status and geography since the process started");
        meter.CreateObservableGauge("geographie.snapshot.revision", () => state.Current?.Revision ?? -1, null,
            "Data revision of the snapshot served (-1 before the first load)");
        meter.CreateObservableGauge("geographie.snapshot.age", () => state.Current is { } s ? (time.GetUtcNow() - s.LoadedAt).TotalSeconds : -1, "s",
            "Time since the snapshot served was built");
        meter.CreateObservableGauge("geographie.snapshot.build.duration", () => state.LastBuildTime.TotalSeconds, "s",
            "How long the last snapshot took to read from PostGIS and index");
        meter.CreateObservableGauge("geographie.database.reachable",
            () => state.DatabaseAnsweredAt is not null && state.DatabaseUnreachableSince is null ? 1 : 0, null,
            "1 when PostGIS answered the last revision check, else 0 (the service keeps answering from its snapshot)");
        meter.CreateObservableCounter("geographie.tiles.cache.hits", () => tiles.Cache.Hits, "{tile}", "Tiles served from the cache");
        meter.CreateObservableCounter("geographie.tiles.cache.misses", () => tiles.Cache.Misses, "{tile}", "Tiles built on request");
        meter.CreateObservableGauge("geographie.tiles.cache.size", () => tiles.Cache.SizeBytes, "By", "Bytes held by the tile cache");
        meter.CreateObservableCounter("geographie.imports", () => state.ImportTallies.Select(t =>
                new Measurement<long>(t.Count, new KeyValuePair<string, object?>("kind", t.Kind), new KeyValuePair<string, object?>("outcome", t.Outcome))),
            "{import}", "Imports by kind and outcome, from the audit table (every process's imports)");
    }

    /// <summary>Records the size of one batch request of <paramref name="protocol"/> (grpc, rest-json, rest-csv).</summary>
    public void RecordBatch(string protocol, long points) =>
        _batchPoints.Record(points, new KeyValuePair<string, object?>("protocol", protocol));

    private static IEnumerable<Measurement<long>> Answers(AnswerCounts counts)
    {
        foreach (var status in Enum.GetValues<EligibilityStatus>())
        {
            foreach (var edition in GeographyVersions.All.Append(null))
            {
                var total = counts.Total(status, edition);
                if (total > 0)
                {
                    yield return new Measurement<long>(total,
                        new KeyValuePair<string, object?>("status", status.ToString().ToUpperInvariant()),
                        new KeyValuePair<string, object?>("geography", edition?.Code ?? "none"));
                }
            }
        }
    }
}
