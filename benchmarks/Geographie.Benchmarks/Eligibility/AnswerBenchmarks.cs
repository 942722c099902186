using BenchmarkDotNet.Attributes;
using Geographie.Domain.Eligibility;

namespace Geographie.Benchmarks.Eligibility;

/// <summary>
/// The complete answer in process on the production-like workload (<see cref="CompleteEditions"/>): validation,
/// status, quartier, reason and the distance to the nearest boundary within 5 km, per point, against NTS
/// (STRtree + <c>IndexedPointInAreaLocator</c> + <c>IndexedFacetDistance</c>) answering the same spatial question.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class AnswerBenchmarks
{
    private const int Points = 100_000;
    private const double NearestSearchM = 5_000;
    private CompleteEditions.Edition _edition = null!;
    private EligibilityChecker _checker = null!;
    private NtsPeer _nts = null!;
    private double[] _lon = null!;
    private double[] _lat = null!;

    private sealed class BenchmarkConfig : BenchmarkDotNet.Configs.ManualConfig
    {
        public BenchmarkConfig() => Add(BenchConfig.Create());
    }

    [Params("lyon", "france")]
    public string Workload { get; set; } = "lyon";

    [Params(0, 300)]
    public double NearDistanceM { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _edition = CompleteEditions.Load(Workload);
        _checker = new EligibilityChecker(new EligibilityLimits { NearestSearchM = NearestSearchM });
        _nts = new NtsPeer(_edition.Perimeters, distances: true);
        (_lon, _lat) = CompleteEditions.Points(Workload, Points);
        var mix = new Dictionary<string, int>();
        int withDistance = 0;
        for (int i = 0; i < Points; i++)
        {
            var answer = Answer(i);
            string key = answer.Status.ToString();
            mix[key] = mix.GetValueOrDefault(key) + 1;
            withDistance += answer.DistanceM is null ? 0 : 1;
        }

        Console.WriteLine($"// answer mix {Workload} near {NearDistanceM}: " + string.Join(", ", mix.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value * 100.0 / Points:F1} %"))
            + $"; with distance_m {withDistance * 100.0 / Points:F1} %; nearest cells {_edition.Snapshot.Edition(_edition.Version).Perimeters.NearestMemoryBytes / 1e6:F1} MB");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Points)]
    public double Nts()
    {
        double sum = 0;
        for (int i = 0; i < _lon.Length; i++)
        {
            _nts.Answer(_lon[i], _lat[i], Math.Max(NearestSearchM, NearDistanceM), out _, out double d);
            sum += double.IsFinite(d) ? d : 0;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Points)]
    public double Geographie()
    {
        double sum = 0;
        for (int i = 0; i < _lon.Length; i++)
        {
            sum += Answer(i).DistanceM ?? 0;
        }

        return sum;
    }

    /// <summary>The answer as a request gets it: validated (as a default-edition request), then checked on the benchmark edition.</summary>
    private EligibilityResult Answer(int i)
    {
        RequestValidator.TryResolve(new EligibilityRequest(_lon[i], _lat[i], NearDistanceM: NearDistanceM), _checker.Limits, out var resolved);
        return _checker.Check(_edition.Snapshot, resolved with { Geography = _edition.Version });
    }
}
