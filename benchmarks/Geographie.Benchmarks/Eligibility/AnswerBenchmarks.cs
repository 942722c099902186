using BenchmarkDotNet.Attributes;
using Geographie.Domain.Eligibility;
using Geographie.Domain.Geography;
using Geographie.Domain.Texts;

namespace Geographie.Benchmarks.Eligibility;

/// <summary>
/// The complete answer in process on the production-like workload (<see cref="CompleteEditions"/>): validation,
/// status, quartier, reason and the distance to the nearest boundary within 5 km, per point, against NTS
/// (STRtree + <c>IndexedPointInAreaLocator</c> + <c>IndexedFacetDistance</c>) answering the same spatial question.
/// The answers are asked as the service asks them: <see cref="Geographie"/> through the batch loop of every batch
/// path (<see cref="EligibilityBatch"/>, one core's share at a time), <see cref="GeographieSingle"/> as a single request
/// (REST GET, unary gRPC): resolved, then checked and counted.
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
    private readonly EligibilityResult[] _answers = new EligibilityResult[EligibilityBatch.PointsPerTask];

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
            var answer = Single(i);
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

    /// <summary>The batch paths' answers: read, resolved, decided, tallied by <see cref="EligibilityBatch"/>, on this thread.</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public double Geographie()
    {
        double sum = 0;
        var points = new ArrayPoints(_lon, _lat, NearDistanceM);
        for (int first = 0; first < Points; first += _answers.Length)
        {
            int count = Math.Min(_answers.Length, Points - first);
            EligibilityBatch.Check(_edition.Snapshot, _checker, points, first, _answers, count, Language.French);
            for (int i = 0; i < count; i++)
            {
                sum += _answers[i].DistanceM ?? 0;
            }
        }

        return sum;
    }

    /// <summary>Single requests' answers: resolved, then checked and counted one by one.</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public double GeographieSingle()
    {
        double sum = 0;
        for (int i = 0; i < _lon.Length; i++)
        {
            sum += Single(i).DistanceM ?? 0;
        }

        return sum;
    }

    private EligibilityResult Single(int i)
    {
        var request = new EligibilityRequest(_lon[i], _lat[i], Geography: GeographyVersions.Qpv2015.Code, NearDistanceM: NearDistanceM);
        return RequestValidator.TryResolve(request, _checker.Limits, out var resolved) is { } problem
            ? throw new InvalidOperationException(problem.Describe(Language.English))
            : _checker.Check(_edition.Snapshot, resolved);
    }

    // The points as an edge hands them to the batch loop: WGS84, the edition named, the band of the run.
    private readonly struct ArrayPoints(double[] lon, double[] lat, double nearDistanceM) : IBatchPoints
    {
        public BatchPoint Read(int index) =>
            new(new EligibilityRequest(lon[index], lat[index], Geography: GeographyVersions.Qpv2015.Code, NearDistanceM: nearDistanceM));
    }
}
