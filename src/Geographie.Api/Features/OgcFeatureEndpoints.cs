using System.Globalization;
using Microsoft.OpenApi;
using Geographie.Features;
using Geographie.Api.Http;
using Geographie.Api.Http.Conventions;
using Geographie.Api.Texts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Geographie.Api.Features;

/// <summary>
/// OGC API – Features Part 1 Core under <c>/ogc</c>, from the in-memory snapshot (see docs/ogc-features.md).
/// Statuses: 200; 400 with problem details for a bad or unknown parameter or format; 404 for an unknown collection or
/// feature; 410 when a next/prev link names a data revision no longer kept; 503 before the data is loaded.
/// </summary>
public static class OgcFeatureEndpoints
{
    /// <summary>Where the API is mounted.</summary>
    public const string Prefix = "/ogc";

    /// <summary>The name of the OpenAPI 3.0 document describing these routes (<c>/openapi/ogc.json</c>).</summary>
    public const string OpenApiDocument = "ogc";

    private const string Json = "application/json";
    private const string SchemaMediaType = "application/schema+json";
    private const string Crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    // lang chooses the language of problems (as on every route), so the resources that refuse unknown parameters take it.
    private static readonly string[] FormatParameter = ["f", "lang"];
    private static readonly string[] ItemsExtraParameters = ["f", "revision", "lang"];

    private static readonly (string Name, string Description)[] ItemsParameterDocs =
    [
        ("limit", $"Page size, default {ItemsQueryParser.DefaultLimit}, maximum {ItemsQueryParser.MaxLimit} (a larger value is served as the maximum)."),
        ("offset", "Matching features skipped before the page, in id order."),
        ("bbox", "minLon,minLat,maxLon,maxLat in CRS84 (or 6 numbers with heights): features whose geometry intersects the box."),
        ("datetime", "RFC 3339 date, date-time or interval (.. for open): features in force at some instant of it."),
        ("code", "The feature id (QPV code; INSEE code for communes)."),
        ("insee", "Features in the commune of this INSEE code."),
        ("departement", "Features of this département (13, 2A, 971)."),
        ("f", "json or geojson (default), csv."),
        ("revision", "Set by next/prev links: the data revision the paging began with."),
    ];

    private static readonly string[] ConformanceClasses =
    [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    ];

    /// <summary>Maps the landing page, conformance, collections, items and item routes.</summary>
    public static IEndpointRouteBuilder MapOgcFeatureEndpoints(this IEndpointRouteBuilder routes)
    {
        // Created now rather than on the first request, so that it prepares each snapshot as it is published.
        _ = routes.ServiceProvider.GetRequiredService<FeatureCatalogs>();
        var ogc = routes.MapGroup(Prefix).WithTags("ogc-features").WithGroupName(OpenApiDocument).CachedByDataRevision();
        ogc.MapGet("/", Landing);
        ogc.MapGet("/conformance", Conformance);
        ogc.MapGet("/collections", Collections).RequireSnapshot();
        ogc.MapGet("/collections/{collectionId}", Collection).RequireSnapshot();
        ogc.MapGet("/collections/{collectionId}/schema", Schema).RequireSnapshot();
        ogc.MapGet("/collections/{collectionId}/items", Items).RequireSnapshot().AddOpenApiOperationTransformer((operation, _, _) =>
        {
            // The handler reads the query string itself (to refuse unknown parameters), so the definition lists them here.
            operation.Parameters ??= [];
            foreach (var (name, description) in ItemsParameterDocs)
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = name,
                    In = ParameterLocation.Query,
                    Description = description,
                    Schema = new OpenApiSchema { Type = name is "limit" or "offset" or "revision" ? JsonSchemaType.Integer : JsonSchemaType.String },
                });
            }
            return Task.CompletedTask;
        });
        ogc.MapGet("/collections/{collectionId}/items/{featureId}", Item).RequireSnapshot();
        return routes;
    }

    private static IResult Landing(HttpContext context) => Metadata(context, () =>
    {
        var root = Root(context.Request);
        return TypedResults.Ok(new LandingDocument(
            "Geographie — quartiers prioritaires de la politique de la ville",
            "The QPV perimeters and register of each geography edition, and the commune outlines, as OGC API Features.",
            [
                new Link(root + "/", "self", Json, "This document"),
                new Link(BaseUrl(context.Request) + "/openapi/" + OpenApiDocument + ".json", "service-desc", "application/vnd.oai.openapi+json;version=3.0", "The API definition"),
                new Link(root + "/conformance", "conformance", Json, "Conformance classes"),
                new Link(root + "/collections", "data", Json, "The collections"),
            ]));
    });

    private static IResult Conformance(HttpContext context) =>
        Metadata(context, () => TypedResults.Ok(new ConformanceDocument(ConformanceClasses)));

    private static IResult Collections(HttpContext context, FeatureCatalogs catalogs) => Metadata(context, () =>
        TypedResults.Ok(new CollectionsDocument(
            [new Link(Root(context.Request) + "/collections", "self", Json, "The collections")],
            catalogs.Of(context.LoadedSnapshot()).Layers.Select(l => Describe(context.Request, l)).ToArray())));

    private static IResult Collection(HttpContext context, FeatureCatalogs catalogs, string collectionId) => Metadata(context, () =>
    {
        var catalog = catalogs.Of(context.LoadedSnapshot());
        return catalog.Find(collectionId) is { } layer ? TypedResults.Ok(Describe(context.Request, layer)) : UnknownCollection(context, catalog, collectionId);
    });

    // The JSON Schema of the collection's features (rel describedby), for clients that type fields from a schema rather
    // than from the first page, where a property may be null throughout (GDAL 3.6 does the latter).
    private static IResult Schema(HttpContext context, FeatureCatalogs catalogs, string collectionId) => Metadata(context, () =>
    {
        var catalog = catalogs.Of(context.LoadedSnapshot());
        if (catalog.Find(collectionId) is not { } layer)
        {
            return UnknownCollection(context, catalog, collectionId);
        }
        var schema = FeatureSchema.Of(layer, $"{Root(context.Request)}/collections/{layer.Id}/schema");
        return TypedResults.Text(schema.ToJsonString(), SchemaMediaType, System.Text.Encoding.UTF8);
    });

    private static IResult Items(HttpContext context, FeatureCatalogs catalogs, string collectionId)
    {
        var request = context.Request;
        var (query, errors) = ItemsQueryParser.Parse(request.Query.SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v))), ItemsExtraParameters, RequestLanguage.Of(request));
        var language = RequestLanguage.Of(request);
        var format = ItemsFormat(request);
        long? revision = null;
        if (request.Query.TryGetValue("revision", out var revisionText))
        {
            revision = long.TryParse(revisionText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        }
        var problems = new Dictionary<string, string[]>(errors);
        if (format is null)
        {
            problems["f"] = [language.Say(EdgeText.OgcItemsFormat)];
        }
        if (revisionText.Count > 0 && revision is null)
        {
            problems["revision"] = [language.Say(EdgeText.OgcRevisionInvalid)];
        }
        if (problems.Count > 0 || query is null)
        {
            return TypedResults.ValidationProblem(problems, title: language.Say(EdgeText.RequestInvalidTitle));
        }
        var current = catalogs.Of(context.LoadedSnapshot());
        if ((revision is { } wanted ? catalogs.AtRevision(wanted) : current) is not { } catalog)
        {
            return TypedResults.Problem(language.Say(EdgeText.OgcRevisionGone, revision, current.Revision),
                statusCode: StatusCodes.Status410Gone, title: language.Say(EdgeText.OgcRevisionGoneTitle));
        }
        if (catalog.Find(collectionId) is not { } layer)
        {
            return UnknownCollection(context, catalog, collectionId);
        }
        var page = layer.Query(query);
        var links = PageLinks(request, layer, page, query, catalog.Revision, format!);
        return new ItemsResult(page, links, format!);
    }

    private static IResult Item(HttpContext context, FeatureCatalogs catalogs, string collectionId, string featureId) => Metadata(context, () =>
    {
        var catalog = catalogs.Of(context.LoadedSnapshot());
        if (catalog.Find(collectionId) is not { } layer)
        {
            return UnknownCollection(context, catalog, collectionId);
        }
        if (layer.Find(featureId) is not { } feature)
        {
            var language = RequestLanguage.Of(context.Request);
            return TypedResults.Problem(language.Say(EdgeText.OgcFeatureUnknown, featureId, collectionId),
                statusCode: StatusCodes.Status404NotFound, title: language.Say(EdgeText.OgcFeatureUnknownTitle));
        }
        var collection = $"{Root(context.Request)}/collections/{layer.Id}";
        return new FeatureResult(layer, feature,
        [
            new Link($"{collection}/items/{Uri.EscapeDataString(feature.Id)}", "self", GeoJsonFeatureWriter.MediaType, "This feature"),
            new Link(collection, "collection", Json, layer.Title),
        ]);
    }, allowGeoJson: true);

    // Metadata answers take only f=json (f=geojson too for a single feature); anything else is refused, not ignored.
    private static IResult Metadata(HttpContext context, Func<IResult> answer, bool allowGeoJson = false)
    {
        var language = RequestLanguage.Of(context.Request);
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, values) in context.Request.Query)
        {
            if (!FormatParameter.Contains(name))
            {
                errors[name] = [language.Say(EdgeText.OgcParameterUnknown, name)];
            }
            else if (name == "f" && (values.Count != 1 || !(values[0] == "json" || (allowGeoJson && values[0] == "geojson"))))
            {
                errors[name] = [language.Say(allowGeoJson ? EdgeText.OgcFormatJsonOrGeoJson : EdgeText.OgcFormatJson)];
            }
        }
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors, title: language.Say(EdgeText.RequestInvalidTitle)) : answer();
    }

    private static string? ItemsFormat(HttpRequest request)
    {
        if (request.Query.TryGetValue("f", out var f))
        {
            return f.Count == 1 && f[0] is "json" or "geojson" ? GeoJsonFeatureWriter.MediaType
                : f.Count == 1 && f[0] == "csv" ? CsvFeatureWriter.MediaType
                : null;
        }
        // Without f, the first media type of Accept that we produce decides; GeoJSON otherwise.
        foreach (var accepted in request.GetTypedHeaders().Accept)
        {
            var type = accepted.MediaType.Value;
            if (type is "text/csv")
            {
                return CsvFeatureWriter.MediaType;
            }
            if (type is GeoJsonFeatureWriter.MediaType or Json)
            {
                break;
            }
        }
        return GeoJsonFeatureWriter.MediaType;
    }

    private static List<Link> PageLinks(HttpRequest request, FeatureLayer layer, ItemsPage page, ItemsQuery query, long revision, string format)
    {
        var items = $"{Root(request)}/collections/{layer.Id}/items";
        var otherFormat = format == GeoJsonFeatureWriter.MediaType ? CsvFeatureWriter.MediaType : GeoJsonFeatureWriter.MediaType;
        var links = new List<Link>
        {
            new(items + request.QueryString, "self", format, "This page"),
            new(PageUrl(items, request, query.Offset, query.Limit, revision, otherFormat), "alternate", otherFormat, "This page in another format"),
        };
        if (query.Offset + page.Features.Count < page.NumberMatched)
        {
            links.Add(new Link(PageUrl(items, request, query.Offset + page.Features.Count, query.Limit, revision, null), "next", format, "Next page"));
        }
        if (query.Offset > 0)
        {
            links.Add(new Link(PageUrl(items, request, Math.Max(0, query.Offset - query.Limit), query.Limit, revision, null), "prev", format, "Previous page"));
        }
        links.Add(new Link($"{Root(request)}/collections/{layer.Id}", "collection", Json, layer.Title));
        return links;
    }

    // The client's own parameters, with the page's offset, limit and revision (and a format when switching to it).
    private static string PageUrl(string items, HttpRequest request, int offset, int limit, long revision, string? format)
    {
        IEnumerable<(string Key, string Value)> kept = request.Query
            .Where(p => p.Key is not ("offset" or "limit" or "revision") && (format is null || p.Key != "f"))
            .SelectMany(p => p.Value.Select(v => (Key: p.Key, Value: v ?? string.Empty)))
            .Append(("limit", limit.ToString(CultureInfo.InvariantCulture)))
            .Append(("offset", offset.ToString(CultureInfo.InvariantCulture)))
            .Append(("revision", revision.ToString(CultureInfo.InvariantCulture)));
        if (format is not null)
        {
            kept = kept.Append(("f", format == CsvFeatureWriter.MediaType ? "csv" : "json"));
        }
        return items + "?" + string.Join("&", kept.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
    }

    private static CollectionDocument Describe(HttpRequest request, FeatureLayer layer)
    {
        var collection = $"{Root(request)}/collections/{layer.Id}";
        var spatial = layer.SpatialExtent is { } e
            ? new SpatialExtentDocument([[e.MinX, e.MinY, e.MaxX, e.MaxY]], Crs84)
            : null;
        var temporal = layer.TemporalExtent is { } t
            ? new TemporalExtentDocument([[Instant(t.Start), t.End is { } end ? Instant(end.AddSeconds(-1)) : null]], "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian")
            : null;
        return new CollectionDocument(layer.Id, layer.Title, layer.Description, "feature", [Crs84], Crs84,
            new ExtentDocument(spatial, temporal),
            layer.Properties.Select(p => new PropertyDocument(p.Name, p.Type.ToString().ToLowerInvariant(), p.Description)).ToArray(),
            [
                new Link(collection, "self", Json, layer.Title),
                new Link(collection + "/schema", "describedby", SchemaMediaType, "The JSON Schema of the features"),
                new Link(collection + "/items", "items", GeoJsonFeatureWriter.MediaType, "The features as GeoJSON"),
                new Link(collection + "/items?f=csv", "items", CsvFeatureWriter.MediaType, "The features as CSV"),
            ]);
    }

    private static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static string Root(HttpRequest request) => BaseUrl(request) + Prefix;

    private static ProblemHttpResult UnknownCollection(HttpContext context, FeatureCatalog catalog, string collectionId)
    {
        var language = RequestLanguage.Of(context.Request);
        return TypedResults.Problem(language.Say(EdgeText.OgcCollectionUnknown, collectionId, string.Join(", ", catalog.Layers.Select(l => l.Id))),
            statusCode: StatusCodes.Status404NotFound, title: language.Say(EdgeText.OgcCollectionUnknownTitle));
    }
}
