using BenchmarkDotNet.Attributes;
using Geographie.Domain.Contrat;
using Geographie.Domain.Eligibility;
using Geographie.Domain.Geography;
using Geographie.Domain.Quartiers;
using Geographie.Domain.Snapshots;
using Geographie.Import.Files;
using Geographie.Import.Register;
using Geographie.Import.Validation;

namespace Geographie.Benchmarks.Eligibility;

/// <summary>
/// The eligibility decision in process (no wire): per point, on the real Lyon 2015 perimeters with the 2024 register
/// and the Bouches-du-Rhône communes loaded, as the service holds them. Fixed-seed points over Lyon's perimeters.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class EligibilityBenchmarks
{
    private const int Points = 100_000;
    private GeographySnapshot _snapshot = null!;
    private EligibilityChecker _checker = null!;
    private EligibilityRequest[] _requests = null!;
    private Api.Grpc.V1.CheckColumnsRequest _columns = null!;

    private sealed class BenchmarkConfig : BenchmarkDotNet.Configs.ManualConfig
    {
        public BenchmarkConfig() => Add(BenchConfig.Create());
    }

    [Params(0, 300)]
    public double NearDistanceM { get; set; }

    [Params(1000, 5000)]
    public double NearestSearchM { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var root = Path.Combine(Workloads.Root, "geodata");
        var lyon = FeatureValidator.Validate(SourceFileReader.Read(Path.Combine(root, "qpv2015/qpv2015_metropole_lyon.geojson")));
        var quartiers = lyon.Features.Select(f => new Quartier("qpv2015", f.Code, f.Name, f.Departement, f.Perimeter, null) { Communes = f.Communes })
            .Concat(RegisterCsvReader.Read(Path.Combine(root, "qpv2024/registre_qpv2024_par_commune.csv"), GeographyVersions.Qpv2024)
                .Select(e => new Quartier("qpv2024", e.Code, e.Name, Departements.OfQuartierCode(e.Code), null, null) { Communes = e.Communes }))
            .ToArray();
        var communes = CommuneOutlineReader.Read(Path.Combine(root, "admin/communes_13.geojson"))
            .Select(c => new Commune(c.Insee, c.Name, Departements.OfCommune(c.Insee), c.Outline)).ToArray();
        _snapshot = new GeographySnapshot(1, quartiers, communes, ContratDeVille.Empty, DateTimeOffset.UtcNow);
        _checker = new EligibilityChecker(new EligibilityLimits { NearestSearchM = NearestSearchM });
        var envelope = new NetTopologySuite.Geometries.Envelope();
        foreach (var f in lyon.Features)
        {
            envelope.ExpandToInclude(f.Perimeter.EnvelopeInternal);
        }
        var random = new Random(20240101);
        _requests = Enumerable.Range(0, Points).Select(_ => new EligibilityRequest(
            envelope.MinX + random.NextDouble() * envelope.Width, envelope.MinY + random.NextDouble() * envelope.Height,
            Geography: "qpv2015", NearDistanceM: NearDistanceM)).ToArray();
        _columns = new Api.Grpc.V1.CheckColumnsRequest { Geography = "qpv2015", NearDistanceM = NearDistanceM };
        _columns.Lon.AddRange(_requests.Select(r => r.Lon!.Value));
        _columns.Lat.AddRange(_requests.Select(r => r.Lat!.Value));
    }

    [Benchmark(OperationsPerInvoke = Points)]
    public int CheckPerPoint()
    {
        var inside = 0;
        foreach (var request in _requests)
        {
            inside += _checker.Check(_snapshot, request).Status == EligibilityStatus.Inside ? 1 : 0;
        }
        return inside;
    }

    /// <summary>The same points as one columnar batch: the batch loop (resolve, decide, tally) and the column writing.</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public int CheckColumns() => Api.Grpc.ColumnarCheck.Answer(_snapshot, _checker, _columns, Domain.Texts.Language.French).Statuses.Count;
}
