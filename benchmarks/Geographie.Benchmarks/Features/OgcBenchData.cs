using System.Net;
using System.Text.Json;
using Geographie.Api.Data;
using Geographie.Api.Features;
using Geographie.Domain.Contrat;
using Geographie.Domain.Quartiers;
using Geographie.Domain.Snapshots;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace Geographie.Benchmarks.Features;

/// <summary>
/// BENCHMARK-ONLY STAND-IN, never shipped or served as QPV: offline there are 37 real QPV perimeters, too few for a
/// 1,000-feature page, so the collection is made of 1,070 real polygons of geodata/admin (840 IRIS, the 111 Marseille
/// quartiers, 119 communes of the Bouches-du-Rhône: 226,920 vertices) under labelled ids (IRIS-…, QUARTIER-…,
/// COMMUNE-…). The real OGC endpoints serve it from a real Kestrel socket; the same rows go to PostGIS for the peer.
/// </summary>
public static class OgcBenchData
{
    public static IReadOnlyList<Quartier> StandIn { get; } = Load();

    /// <summary>Starts the OGC API routes over <paramref name="state"/> on a free loopback port; returns the app and its base URL.</summary>
    public static (WebApplication App, string BaseUrl) Serve(GeographyState state)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(state);
        builder.Services.AddSingleton<FeatureCatalogs>();
        var app = builder.Build();
        app.MapOgcFeatureEndpoints();
        app.StartAsync().GetAwaiter().GetResult();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>A snapshot of the stand-in as the 2024 edition at <paramref name="revision"/>.</summary>
    public static GeographySnapshot Snapshot(long revision) =>
        new(revision, StandIn, [], ContratDeVille.Empty, DateTimeOffset.UtcNow);

    private static List<Quartier> Load()
    {
        var quartiers = new List<Quartier>();
        foreach (var (file, prefix, id, name) in new[]
        {
            ("admin/iris_13.geojson", "IRIS-", "DCOMIRIS", "NOM_IRIS"),
            ("admin/quartiers_marseille_111.geojson", "QUARTIER-", "code_qua", "nom"),
            ("admin/communes_13.geojson", "COMMUNE-", "code", "nom"),
        })
        {
            foreach (var feature in Read(file))
            {
                var geometry = feature.Geometry as MultiPolygon ?? new MultiPolygon([(Polygon)feature.Geometry]);
                var code = prefix + feature.Attributes[id];
                quartiers.Add(new Quartier("qpv2024", code, (string)feature.Attributes[name], "13", geometry, null));
            }
        }
        return quartiers;
    }

    private static FeatureCollection Read(string file)
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        using var stream = File.OpenRead(Path.Combine(Workloads.Root, "geodata", file));
        return JsonSerializer.Deserialize<FeatureCollection>(stream, options)!;
    }
}
