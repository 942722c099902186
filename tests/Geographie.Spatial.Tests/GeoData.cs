using System.Collections.Concurrent;
using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Geographie.Spatial.Tests;

/// <summary>Loads the shipped real datasets from geodata/ (found by walking up to Geographie.sln). Cached, thread-safe.</summary>
internal static class GeoData
{
    public const string Quartiers = "admin/quartiers_marseille_111.geojson";
    public const string Iris = "admin/iris_13.geojson";
    public const string Communes = "admin/communes_13.geojson";
    public const string QpvLyon = "qpv2015/qpv2015_metropole_lyon.geojson";

    public static readonly string[] All = [Quartiers, Iris, Communes, QpvLyon];

    private static readonly ConcurrentDictionary<string, IReadOnlyList<Perimeter>> Cache = new();
    private static readonly ConcurrentDictionary<(string, IndexStrategy), PerimeterIndex> Indexes = new();

    public static string Root { get; } = FindRoot();

    public static IReadOnlyList<Perimeter> Load(string relative) => Cache.GetOrAdd(relative, static r =>
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        using FileStream stream = File.OpenRead(Path.Combine(Root, "geodata", r));
        FeatureCollection fc = JsonSerializer.Deserialize<FeatureCollection>(stream, options)!;
        return fc.Select((f, i) => new Perimeter(i, f.Geometry)).ToArray();
    });

    public static PerimeterIndex Index(string relative, IndexStrategy strategy) =>
        Indexes.GetOrAdd((relative, strategy), static k => PerimeterIndex.Build(Load(k.Item1), k.Item2));

    public static Envelope Extent(IReadOnlyList<Perimeter> perimeters)
    {
        var env = new Envelope();
        foreach (Perimeter p in perimeters)
        {
            env.ExpandToInclude(p.Geometry.EnvelopeInternal);
        }

        return env;
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
