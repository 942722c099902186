using NetTopologySuite.Geometries.Utilities;
using System.Text.Json;
using Geographie.Spatial;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Geographie.Benchmarks;

/// <summary>
/// Real polygons from geodata/ and fixed-seed query points. The "france" workload is BENCHMARK-ONLY synthetic data:
/// the shipped IRIS (twice) and Marseille quartiers polygons translated to other parts of metropolitan France, so
/// the index faces a country-sized sparse extent with dense clusters. It is never shipped as data.
/// </summary>
public static class Workloads
{
    public const int PointCount = 1_000_000;

    private static readonly Dictionary<string, (Perimeter[] Perimeters, Envelope[] Clusters)> Cache = [];

    public static string Root { get; } = FindRoot();

    public static Perimeter[] Perimeters(string name) => Load(name).Perimeters;

    /// <summary>Uniform points in the bounding box of each cluster (round-robin), 39 % or so inside for quartiers.</summary>
    public static (double[] X, double[] Y) Points(string name, int count, int seed = 42)
    {
        Envelope[] clusters = Load(name).Clusters;
        var rng = new Random(seed);
        var xs = new double[count];
        var ys = new double[count];
        for (int i = 0; i < count; i++)
        {
            Envelope e = clusters[i % clusters.Length];
            xs[i] = e.MinX + rng.NextDouble() * e.Width;
            ys[i] = e.MinY + rng.NextDouble() * e.Height;
        }

        return (xs, ys);
    }

    private static (Perimeter[] Perimeters, Envelope[] Clusters) Load(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out var w))
            {
                w = name switch
                {
                    "quartiers" => Single("admin/quartiers_marseille_111.geojson"),
                    "iris" => Single("admin/iris_13.geojson"),
                    "france" => France(),
                    _ => throw new ArgumentOutOfRangeException(nameof(name)),
                };
                Cache[name] = w;
            }

            return w;
        }
    }

    private static (Perimeter[], Envelope[]) Single(string file)
    {
        Geometry[] g = ReadGeometries(file);
        var env = new Envelope();
        foreach (Geometry x in g)
        {
            env.ExpandToInclude(x.EnvelopeInternal);
        }

        return (g.Select((x, i) => new Perimeter(i, x)).ToArray(), [env]);
    }

    private static (Perimeter[], Envelope[]) France()
    {
        // (file, dLon, dLat): Marseille-area data moved to Lille, Strasbourg and Bordeaux.
        (string File, double DLon, double DLat)[] copies =
        [
            ("admin/iris_13.geojson", -2.3, 7.3),
            ("admin/iris_13.geojson", 2.3, 5.3),
            ("admin/quartiers_marseille_111.geojson", -5.95, 1.54),
        ];
        var perimeters = new List<Perimeter>();
        var clusters = new List<Envelope>();
        foreach ((string file, double dLon, double dLat) in copies)
        {
            var env = new Envelope();
            foreach (Geometry g in ReadGeometries(file))
            {
                Geometry moved = AffineTransformation.TranslationInstance(dLon, dLat).Transform(g);
                env.ExpandToInclude(moved.EnvelopeInternal);
                perimeters.Add(new Perimeter(perimeters.Count, moved));
            }

            clusters.Add(env);
        }

        return (perimeters.ToArray(), clusters.ToArray());
    }

    public static Geometry[] ReadGeometries(string file)
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        using FileStream stream = File.OpenRead(Path.Combine(Root, "geodata", file));
        return JsonSerializer.Deserialize<FeatureCollection>(stream, options)!.Select(f => f.Geometry).ToArray();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Geographie.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Geographie.sln not found above " + AppContext.BaseDirectory);
    }
}
