using System.Text.RegularExpressions;
using Geographie.Domain.Contrat;
using Geographie.Domain.Geography;
using Geographie.Domain.Quartiers;
using Geographie.Domain.Snapshots;
using Geographie.Import.Files;
using Geographie.Import.Validation;
using Geographie.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;

namespace Geographie.Benchmarks.Eligibility;

/// <summary>
/// BENCHMARK-ONLY complete editions: the production answer mix (most points OUTSIDE with a distance, some NEAR, a few
/// INSIDE) needs an edition whose register is whole, which the shipped data is not. Never shipped, never served.
/// <list type="bullet">
/// <item><c>lyon</c>: the real 37 QPV 2015 perimeters of the Métropole de Lyon (geodata/qpv2015), in an edition
/// whose expected count is 37, so that it is complete.</item>
/// <item><c>france</c>: the same 37 perimeters TRANSLATED to 40 places over metropolitan France (an 8 × 5 lattice,
/// 1.25° × 1.5° apart: 1,480 perimeters, about the 1,514 of the real 2015 décret), likewise complete.
/// Translated copies of real polygons, labelled as such: not QPV.</item>
/// </list>
/// Each edition takes the code <c>qpv2015</c> in its own snapshot (whose catalogue holds it alone), so that a request
/// naming <c>geography=qpv2015</c> resolves to it as the service resolves requests, as benchmarks/load/complete-edition-2015.sql
/// does over the wire; its title, and every quartier's name and BENCH code, say it is a benchmark edition.
/// Points, "address-like", fixed seed 20261201: uniform over the Lyon perimeters' bounding box widened by 0.03° (about
/// 2.4 km east–west, 3.3 km north–south) — the Lyon conurbation where addresses and QPV both are; for <c>france</c>
/// point i is the Lyon point i moved with copy i mod 40, so both workloads ask the same questions.
/// </summary>
public static class CompleteEditions
{
    public const int Copies = 40;

    private static readonly Dictionary<string, Edition> Cache = [];

    /// <summary>A benchmark edition: its snapshot, its catalogue entry, and its perimeters as spatial-core inputs.</summary>
    public sealed record Edition(GeographySnapshot Snapshot, GeographyVersion Version, Perimeter[] Perimeters);

    public static Edition Load(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var edition))
            {
                edition = name switch
                {
                    "lyon" => Create("benchmark only (bench-lyon): not a décret", [(0, 0)]),
                    "france" => Create("benchmark only (bench-france, translated copies): not a décret", Offsets()),
                    _ => throw new ArgumentOutOfRangeException(nameof(name)),
                };
                Cache[name] = edition;
            }

            return edition;
        }
    }

    /// <summary>The fixed-seed address-like points of workload <paramref name="name"/>.</summary>
    public static (double[] Lon, double[] Lat) Points(string name, int count)
    {
        var lyon = LyonPerimeters();
        var box = new Envelope();
        foreach (var p in lyon)
        {
            box.ExpandToInclude(p.EnvelopeInternal);
        }

        box.ExpandBy(0.03);
        var offsets = name == "france" ? Offsets() : [(0, 0)];
        var random = new Random(20261201);
        var lon = new double[count];
        var lat = new double[count];
        for (int i = 0; i < count; i++)
        {
            (double dLon, double dLat) = offsets[i % offsets.Length];
            lon[i] = box.MinX + random.NextDouble() * box.Width + dLon;
            lat[i] = box.MinY + random.NextDouble() * box.Height + dLat;
        }

        return (lon, lat);
    }

    private static (double DLon, double DLat)[] Offsets() =>
        Enumerable.Range(0, Copies).Select(k => (-5.4 + 1.25 * (k % 8), -2.9 + 1.5 * (k / 8))).ToArray();

    private static MultiPolygon[] LyonPerimeters() =>
        FeatureValidator.Validate(SourceFileReader.Read(Path.Combine(Workloads.Root, "geodata/qpv2015/qpv2015_metropole_lyon.geojson")))
            .Features.Select(f => f.Perimeter).ToArray();

    private static Edition Create(string title, (double DLon, double DLat)[] offsets)
    {
        string code = GeographyVersions.Qpv2015.Code;
        var lyon = LyonPerimeters();
        var quartiers = new List<Quartier>();
        foreach ((double dLon, double dLat) in offsets)
        {
            var move = AffineTransformation.TranslationInstance(dLon, dLat);
            foreach (var perimeter in lyon)
            {
                var moved = (MultiPolygon)move.Transform(perimeter);
                int n = quartiers.Count;
                quartiers.Add(new Quartier(code, $"BENCH{n:D5}", $"benchmark-only copy {n} (real Lyon QPV 2015 perimeter, translated)", "69", moved, null));
            }
        }

        var version = new GeographyVersion(code, title, new DateOnly(2015, 1, 1), null, new DateOnly(2015, 1, 1), null,
            quartiers.Count, new Regex("^BENCH[0-9]{5}$"));
        var snapshot = new GeographySnapshot(1, quartiers, [], ContratDeVille.Empty, DateTimeOffset.UtcNow, catalogue: [version]);
        if (!snapshot.Edition(version).IsComplete)
        {
            throw new InvalidOperationException($"{title} must be complete");
        }

        return new Edition(snapshot, version, quartiers.Select((q, i) => new Perimeter(i, q.Perimeter!)).ToArray());
    }
}
