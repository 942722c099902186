using System.Globalization;
using Geographie.Spatial;
using Geographie.Spatial.Areas;
using NetTopologySuite.Geometries;

namespace Geographie.Benchmarks.Overlaps;

/// <summary>
/// `quick overlaps stages`: what the service does per zone after the parse, stage by stage, in CPU µs per zone (this
/// process, one thread, best of 5 runs of ≥ 200 ms each): the projection of the WGS84 zone, the validity proof
/// (<see cref="PolygonValidity"/>), the QPV areas (<see cref="OverlapIndex.Measure(Geometry, MetricCrs, bool)"/>
/// against the perimeters) and the completeness integrals (the same against the département's commune outlines, as
/// <c>OverlapCalculator.Assess</c> does for an edition that is not whole); the validity split into the read of the
/// rings (<see cref="FlatRings"/>, which the service does once per zone for every stage) and the proof itself. Workloads: the 278 Rhône communes × the
/// Lyon 2015 QPV with the Rhône outlines, and the 840 IRIS 13 × the 111 Marseille quartiers (a benchmark-only
/// stand-in for QPV, not QPV) with the Bouches-du-Rhône outlines. The stages in sequence read the zone's coordinates
/// in each stage; the last column reads them once into <see cref="FlatRings"/> and shares them, as the service does.
/// The PostGIS peer is <c>quick overlaps</c>.
/// </summary>
public static class OverlapStages
{
    public static void Run()
    {
        Console.WriteLine("CPU µs per zone (best of 5 runs):");
        Console.WriteLine("| Workload | Zones | projection | validity | of which the rings read | of which the proof | QPV areas | completeness | stages in sequence | in sequence, the zone's rings read once |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, zoneFile, perimeterFile, outlineFile) in new[]
        {
            ("communes69xLyon2015", "admin/communes_69.geojson", "qpv2015/qpv2015_metropole_lyon.geojson", "admin/communes_69.geojson"),
            ("iris13xQuartiers", "admin/iris_13.geojson", "admin/quartiers_marseille_111.geojson", "admin/communes_13.geojson"),
        })
        {
            var zones = Workloads.ReadGeometries(zoneFile);
            var quartiers = Index(perimeterFile);
            var communes = Index(outlineFile);
            var crs = zones.Select(z => MetricGeometry.CrsOf(z.EnvelopeInternal)!.Value).ToArray();
            var metric = zones.Select((z, i) => MetricGeometry.Project(z, crs[i])).ToArray();
            double PerZone(Func<int, double> stage) => OverlapCpu.Best(() =>
            {
                double sum = 0;
                for (int i = 0; i < zones.Length; i++)
                {
                    sum += stage(i);
                }

                return sum;
            }, Environment.ProcessId, self: true) * 1000 / zones.Length;

            double projection = PerZone(i => MetricGeometry.Project(zones[i], crs[i]).NumPoints);
            double validity = PerZone(i => PolygonValidity.IsProvenValid(metric[i]) ? 1 : 0);
            double read = PerZone(i => FlatRings.Of(metric[i]).VertexCount);
            var rings = metric.Select(FlatRings.Of).ToArray();
            double proof = PerZone(i => PolygonValidity.IsProvenValid(rings[i]) ? 1 : 0);
            double areas = PerZone(i => quartiers.Measure(metric[i], crs[i]).CoveredAreaM2);
            double completeness = PerZone(i => communes.Measure(metric[i], crs[i]).CoveredAreaM2);
            double sequence = PerZone(i =>
            {
                var zone = MetricGeometry.Project(zones[i], crs[i]);
                return (PolygonValidity.IsProvenValid(zone) ? 1 : 0) + quartiers.Measure(zone, crs[i]).CoveredAreaM2 + communes.Measure(zone, crs[i]).CoveredAreaM2;
            });
            double shared = PerZone(i =>
            {
                var rings = FlatRings.Of(MetricGeometry.Project(zones[i], crs[i]));
                return (PolygonValidity.IsProvenValid(rings) ? 1 : 0) + quartiers.Measure(rings, crs[i]).CoveredAreaM2 + communes.Measure(rings, crs[i]).CoveredAreaM2;
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {zones.Length} | {projection:F1} | {validity:F1} | {read:F1} | {proof:F1} | {areas:F1} | {completeness:F1} | {sequence:F1} | {shared:F1} |"));
        }
    }

    private static OverlapIndex Index(string file) =>
        new(Workloads.ReadGeometries(file).Select((g, i) => new Perimeter(i, g)).ToArray());
}
