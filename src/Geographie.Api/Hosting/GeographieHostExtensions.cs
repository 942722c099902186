using Geographie.Api.Addresses;
using System.Net;
using Geographie.Api.Data;
using Geographie.Api.Features;
using Geographie.Api.Http;
using Geographie.Api.Http.Conventions;
using Geographie.Api.Http.OpenApi;
using Geographie.Api.Http.Overlaps;
using Geographie.Api.Observability;
using Geographie.Api.Tiles;
using Geographie.Domain.Eligibility;
using Geographie.Domain.Snapshots;
using Geographie.Storage;
using Geographie.Storage.Reading;
using Geographie.Api.Grpc;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Geographie.Api.Hosting;

/// <summary>The two calls <c>Program</c> makes: services in, endpoints out.</summary>
public static class GeographieHostExtensions
{
    /// <summary>Registers options, the PostGIS data source and the snapshot source read from it, the snapshot and its refresher, Kestrel endpoints.</summary>
    public static WebApplicationBuilder AddGeographie(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Geographie");
        builder.Services.Configure<GeographieOptions>(section);
        var options = section.Get<GeographieOptions>() ?? new GeographieOptions();

        // Geographie:Database (configuration) wins, then GEOGRAPHIE_DB, then the local cluster.
        var connectionString = options.Database is { Length: > 0 } configured
            ? configured
            : GeographieDatabase.ConnectionStringFromEnvironment();
        builder.Services.AddSingleton(_ => GeographieDatabase.CreateDataSource(connectionString));
        // Snapshots may be read from a streaming replica; migrations and LISTEN need the primary.
        builder.Services.AddKeyedSingleton(SnapshotRefresher.ReadSourceKey, (services, _) => options.ReadDatabase is { Length: > 0 } read
            ? GeographieDatabase.CreateDataSource(read)
            : services.GetRequiredService<Npgsql.NpgsqlDataSource>());
        builder.Services.AddSingleton(services => new StoredDataReader(services.GetRequiredKeyedService<Npgsql.NpgsqlDataSource>(SnapshotRefresher.ReadSourceKey)));
        builder.Services.AddSingleton<ISnapshotSource>(services => services.GetRequiredService<StoredDataReader>());
        builder.Services.AddSingleton<Geographie.Addresses.IAddressSource>(services => new AddressReader(services.GetRequiredKeyedService<Npgsql.NpgsqlDataSource>(SnapshotRefresher.ReadSourceKey)));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<GeographyState>();
        builder.Services.AddAddresses(builder.Configuration);
        builder.Services.AddSingleton<SnapshotRefresher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SnapshotRefresher>());
        builder.Services.AddSingleton(new EligibilityChecker(new EligibilityLimits
        {
            MaxBandM = options.MaxBandM,
            NearestSearchM = options.NearestSearchM,
        }));
        builder.Services.AddSingleton<Tiles.TileService>();
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = ProblemDefaults.Complete);
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = options.MaxGrpcMessageBytes;
            grpc.MaxSendMessageSize = options.MaxGrpcMessageBytes;
            // grpc-dotnet's catch-all for unknown services ({service}/{method}, POST) also catches every two-segment
            // REST path and turns a wrong method into 404 instead of 405; an unknown service gets a plain HTTP 404,
            // which gRPC clients read as UNIMPLEMENTED.
            grpc.IgnoreUnknownServices = true;
        });
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<Grpc.EligibilityGrpcService>, Grpc.EligibilityMethodProvider>());
        // Reflection finds services through their generated base class; EligibilityGrpcService has none (see
        // EligibilityMethodProvider), so the descriptors are listed here.
        global::Google.Protobuf.Reflection.ServiceDescriptor[] described =
        [
            Grpc.V1.Eligibility.Descriptor, global::Grpc.Health.V1.Health.Descriptor,
            global::Grpc.Reflection.V1Alpha.ServerReflection.Descriptor, global::Grpc.Reflection.V1.ServerReflection.Descriptor,
        ];
        builder.Services.AddSingleton(new global::Grpc.Reflection.ReflectionServiceImpl(described));
        builder.Services.AddSingleton(new global::Grpc.Reflection.ReflectionV1ServiceImpl(described));
        builder.Services.AddGrpcReflection();
        // The service's own name answers as the whole server ("") does: both are ready once the data is loaded.
        builder.Services.AddGrpcHealthChecks(health => health.Services.Map(Grpc.V1.Eligibility.Descriptor.FullName, check => check.Name == "data"))
            .AddCheck<Data.ReadinessHealthCheck>("data");
        builder.Services.AddHttpConventions(options.Cors);
        builder.Services.AddSingleton<FeatureCatalogs>();
        // The OGC API routes have their own OpenAPI 3.0 document (the version the OGC "oas30" class names).
        builder.Services.AddGeographieOpenApi(OgcFeatureEndpoints.OpenApiDocument);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new NetTopologySuite.IO.Converters.GeoJsonConverterFactory());
            // Every letter as is (French names stay readable), but < > & ' " escaped: input quoted back in an error
            // can never become markup in a page that shows the answer.
            json.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
            // Numbers are numbers: the web defaults also read them from strings, which makes the OpenAPI schema of
            // every number "number or string" and the generated clients' properties untyped. The batches read their
            // own bodies (numbers as strings included) and do not use these options.
            json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            Listen(kestrel, options.RestUrl, HttpProtocols.Http1);
            // h2c (gRPC without TLS) needs an endpoint that speaks HTTP/2 only: there is no ALPN to negotiate it.
            Listen(kestrel, options.GrpcUrl, HttpProtocols.Http2);
            if (options.MetricsUrl is { Length: > 0 })
            {
                Listen(kestrel, options.MetricsUrl, HttpProtocols.Http1);
            }
            RequestTargetLimits.Configure(kestrel.Limits);
        });
        builder.AddGeographieObservability(options);
        return builder;
    }

    /// <summary>
    /// The edge (errors, headers, problem details for bare statuses, listener separation, HTTP conventions), then every
    /// endpoint: health, REST, gRPC, tiles, OGC API Features, map page. Every HTTP route answers HEAD like GET.
    /// </summary>
    public static WebApplication MapGeographie(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<GeographieOptions>>().Value;
        app.UseMiddleware<EdgeErrorMiddleware>();
        app.UseResponseHeaders(options.Map.BasemapStyle()?.GetLeftPart(UriPartial.Authority));
        app.UseStatusCodePages();
        app.UseGeographieObservability(options);
        app.UseRequestTargetLimits();
        app.UseListenerSeparation(options);
        app.UseGrpcRequestLimits(options);
        app.UseHttpConventions();
        app.UseMapPage();
        var routes = app.MapGroup(string.Empty).AnswerHeadLikeGet().RequireContentType();
        routes.MapMapPageConfig(options.Map);
        routes.MapHealthEndpoints();
        routes.MapContratEndpoints();
        routes.MapQuartierEndpoints();
        routes.MapEligibilityEndpoints();
        routes.MapEligibilitySummaryEndpoint();
        routes.MapOverlapEndpoints();
        routes.MapEvolutionEndpoints();
        routes.MapTileEndpoints();
        routes.MapOgcFeatureEndpoints();
        // A gRPC call ends by its deadline; a CheckStream may rightly run for as long as its client sends.
        app.MapGrpcService<Grpc.EligibilityGrpcService>().DisableRequestTimeout();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        routes.MapOpenApi();
        return app;
    }

    private static void Listen(KestrelServerOptions kestrel, string url, HttpProtocols protocols)
    {
        var uri = new Uri(url);
        var address = uri.Host is "localhost" ? IPAddress.Loopback : IPAddress.Parse(uri.Host);
        kestrel.Listen(address, uri.Port, listen => listen.Protocols = protocols);
    }
}
