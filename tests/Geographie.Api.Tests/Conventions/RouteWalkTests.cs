using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Geographie.Api.Tests.Conventions;

/// <summary>
/// Walks every operation of both OpenAPI documents (<c>/openapi/v1.json</c>, <c>/openapi/ogc.json</c>) against the
/// service over the shipped data, and checks the HTTP conventions of docs/rest.md on each: the documented examples
/// answer, GET compresses and revalidates (ETag, 304) where the document says 304, HEAD answers like GET, CORS
/// answers preflights and reads, a wrong method is 405 problem+json with Allow, a bad value of each typed parameter
/// is 400 problem+json naming it, and a body without a Content-Type is 415 problem+json naming what is accepted. Every
/// problem it provokes is asked twice, with no language named and with <c>?lang=en</c>: the first must be French and
/// the second English (title and detail), with the same status and type.
/// </summary>
public sealed class RouteWalkTests(GeographieApp app) : IClassFixture<GeographieApp>
{
    private const string Origin = "https://carto.example.fr";

    public static TheoryData<string> Documents => new() { "v1", "ogc" };

    private sealed record Operation(string Method, string Path, string Url, JsonElement Definition);

    private async Task<List<Operation>> OperationsAsync(string document)
    {
        var json = await app.Client.GetStringAsync($"/openapi/{document}.json");
        var root = JsonDocument.Parse(json).RootElement;
        Assert.StartsWith("3.0", root.GetProperty("openapi").GetString());
        var operations = new List<Operation>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                var url = path.Name;
                var query = new List<string>();
                foreach (var parameter in Parameters(method.Value))
                {
                    var name = parameter.GetProperty("name").GetString()!;
                    var example = parameter.TryGetProperty("example", out var e) ? ExampleText(e) : null;
                    if (parameter.GetProperty("in").GetString() == "path")
                    {
                        Assert.True(example is not null, $"{method.Name} {path.Name}: path parameter {name} has no example");
                        url = url.Replace($"{{{name}}}", Uri.EscapeDataString(example!), StringComparison.Ordinal);
                    }
                    else if (example is not null)
                    {
                        query.Add($"{name}={Uri.EscapeDataString(example)}");
                    }
                }
                operations.Add(new Operation(method.Name.ToUpperInvariant(), path.Name, query.Count == 0 ? url : $"{url}?{string.Join('&', query)}", method.Value));
            }
        }
        Assert.NotEmpty(operations);
        return operations;
    }

    private static IEnumerable<JsonElement> Parameters(JsonElement operation) =>
        operation.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray() : [];

    private static string ExampleText(JsonElement example) => example.ValueKind == JsonValueKind.String ? example.GetString()! : example.GetRawText();

    private static bool Documents304(Operation operation) => operation.Definition.GetProperty("responses").TryGetProperty("304", out _);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, Action<HttpRequestMessage>? prepare = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(method, url);
        prepare?.Invoke(request);
        return await (client ?? app.Client).SendAsync(request);
    }

    // The shared client asks for English; the French default is what a client that names no language gets.
    private HttpClient NoLanguage => _noLanguage ??= app.Factory.CreateClient();
    private HttpClient? _noLanguage;

    /// <summary>
    /// Sends the request with no language named, then with <c>lang=en</c>: a French problem, then the same problem
    /// (status, type) in English, each naming <paramref name="mentions"/>. Returns the French answer.
    /// </summary>
    private async Task<HttpResponseMessage> AssertProblemInBothLanguagesAsync(
        HttpMethod method, string url, Action<HttpRequestMessage>? prepare, HttpStatusCode status, string context, params string[] mentions)
    {
        var french = await SendAsync(method, url, prepare, NoLanguage);
        var (frenchType, frenchTitle, frenchDetail) = await AssertProblemAsync(french, status, $"{context} (French)", mentions);
        using var english = await SendAsync(method, Replace(url, "lang", "en"), prepare, NoLanguage);
        var (englishType, englishTitle, englishDetail) = await AssertProblemAsync(english, status, $"{context} (lang=en)", mentions);
        Assert.Equal(frenchType, englishType);
        foreach (var (text, what) in new[] { (frenchTitle, "title"), (frenchDetail, "detail") })
        {
            Assert.True(Language(text) == "fr", $"{context}: the {what} is not French: {text}");
        }
        foreach (var (text, what) in new[] { (englishTitle, "title"), (englishDetail, "detail") })
        {
            Assert.True(Language(text) == "en", $"{context} lang=en: the {what} is not English: {text}");
        }
        return french;
    }

    // The words each language cannot write without: a text is French when it holds more French words than English
    // ones, and the other way round. Quoted input and codes count for neither.
    private static readonly HashSet<string> FrenchWords = new(StringComparer.Ordinal)
    {
        "le", "la", "les", "des", "du", "de", "est", "n'est", "pas", "une", "un", "pour", "dans", "sur", "ou", "et", "doit",
        "doivent", "aucun", "aucune", "ce", "cette", "qui", "au", "aux", "n'a", "d'au", "envoyez", "valeurs", "possibles",
        "inconnu", "inconnue", "requête", "invalide", "introuvable", "méthode", "autorisée", "autorisé", "autorisées", "rien",
        "servi", "entre", "mauvais", "paramètre", "être", "sont", "données", "trop", "volumineux", "chargées", "plus",
    };

    private static readonly HashSet<string> EnglishWords = new(StringComparer.Ordinal)
    {
        "the", "is", "not", "of", "to", "for", "in", "or", "and", "must", "no", "be", "this", "that", "are", "only", "send",
        "expected", "unknown", "invalid", "request", "nothing", "served", "allowed", "method", "found", "bad", "between",
        "at", "unsupported", "too", "large", "loaded", "yet", "data", "wrong", "takes", "given", "whole", "number",
    };

    private static string Language(string? text)
    {
        var words = System.Text.RegularExpressions.Regex.Split((text ?? string.Empty).ToLowerInvariant(), @"[^\p{L}']+");
        var french = words.Count(FrenchWords.Contains);
        var english = words.Count(EnglishWords.Contains);
        return french > english ? "fr" : english > french ? "en" : "?";
    }

    private static async Task<(string? Type, string? Title, string? Detail)> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string context, params string[] mentions)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{context}: expected {(int)status}, got {(int)response.StatusCode} {body}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{context}: {response.Content.Headers.ContentType} {body}");
        using var problem = JsonDocument.Parse(body);
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        var texts = string.Join('\n', Texts(problem.RootElement));
        foreach (var mention in mentions)
        {
            Assert.True(texts.Contains(mention, StringComparison.Ordinal), $"{context}: the problem does not name '{mention}': {body}");
        }
        string? Text(string name) => problem.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return (Text("type"), Text("title"), Text("detail"));
    }

    // The problem's words as a reader sees them: property names (errors.{field}) and string values, JSON escapes undone.
    private static IEnumerable<string> Texts(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Texts(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Texts),
        JsonValueKind.String => [element.GetString()!],
        _ => [],
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Every_GET_answers_its_examples_compressed_with_HEAD_and_CORS_and_revalidates_reference_data(string document)
    {
        foreach (var operation in (await OperationsAsync(document)).Where(o => o.Method == "GET"))
        {
            var context = $"GET {operation.Url}";
            using var get = await SendAsync(HttpMethod.Get, operation.Url, r =>
            {
                r.Headers.AcceptEncoding.ParseAdd("gzip, br");
                r.Headers.Add("Origin", Origin);
            });
            Assert.True(get.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent, $"{context}: {(int)get.StatusCode} {await get.Content.ReadAsStringAsync()}");
            Assert.Equal("*", get.Headers.GetValues("Access-Control-Allow-Origin").Single());
            var type = get.Content.Headers.ContentType?.MediaType;
            if (type is not null && Geographie.Api.Http.Conventions.HttpConventions.CompressedTypes.Contains(type))
            {
                Assert.True(get.Content.Headers.ContentEncoding.SequenceEqual(["br"]), $"{context}: {type} not compressed with brotli");
            }

            using var head = await SendAsync(HttpMethod.Head, operation.Url);
            Assert.True(head.StatusCode == get.StatusCode, $"HEAD {operation.Url}: {(int)head.StatusCode}");
            Assert.Equal(type, head.Content.Headers.ContentType?.MediaType);

            var etag = get.Headers.ETag;
            Assert.True(Documents304(operation) == (etag is not null), $"{context}: 304 documented {Documents304(operation)}, ETag {etag}");
            if (etag is not null)
            {
                Assert.True(get.Headers.CacheControl is not null, $"{context}: an ETag without Cache-Control");
                // Asked as the first GET was (gzip and brotli accepted): a tile's ETag names its encoding.
                using var again = await SendAsync(HttpMethod.Get, operation.Url, r =>
                {
                    r.Headers.AcceptEncoding.ParseAdd("gzip, br");
                    r.Headers.IfNoneMatch.Add(etag);
                });
                Assert.True(again.StatusCode == HttpStatusCode.NotModified, $"{context} If-None-Match {etag}: {(int)again.StatusCode}");
                Assert.Empty(await again.Content.ReadAsByteArrayAsync());
                using var stale = await SendAsync(HttpMethod.Get, operation.Url, r => r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0-0\"", true)));
                Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Every_route_answers_CORS_preflights_and_a_wrong_method_with_405_Allow_and_problem_details_in_French_or_English(string document)
    {
        foreach (var operation in await OperationsAsync(document))
        {
            using var preflight = await SendAsync(HttpMethod.Options, operation.Url, r =>
            {
                r.Headers.Add("Origin", Origin);
                r.Headers.Add("Access-Control-Request-Method", operation.Method);
                r.Headers.Add("Access-Control-Request-Headers", "content-type");
            });
            Assert.True(preflight.StatusCode == HttpStatusCode.NoContent, $"OPTIONS {operation.Url}: {(int)preflight.StatusCode}");
            Assert.Equal("*", preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.Contains(operation.Method, preflight.Headers.GetValues("Access-Control-Allow-Methods").Single());
            Assert.Contains("content-type", preflight.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);

            using var wrong = await AssertProblemInBothLanguagesAsync(HttpMethod.Delete, operation.Url, null, HttpStatusCode.MethodNotAllowed, $"DELETE {operation.Url}", "DELETE");
            var allowed = wrong.Content.Headers.Allow;
            Assert.Contains(operation.Method, allowed);
            Assert.True(operation.Method != "GET" || allowed.Contains("HEAD"), $"{operation.Path}: Allow {string.Join(", ", allowed)} lacks HEAD");
        }
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task A_bad_value_of_any_typed_parameter_is_400_problem_details_naming_it_in_French_or_English(string document)
    {
        var checkedParameters = 0;
        foreach (var operation in (await OperationsAsync(document)).Where(o => o.Method == "GET"))
        {
            foreach (var parameter in Parameters(operation.Definition).Where(p => p.GetProperty("in").GetString() == "query"))
            {
                var schema = parameter.GetProperty("schema");
                var typed = schema.TryGetProperty("enum", out _) || schema.TryGetProperty("format", out _)
                    || schema.GetProperty("type").GetString() is "integer" or "number" or "boolean";
                if (!typed)
                {
                    continue;
                }
                var name = parameter.GetProperty("name").GetString()!;
                var url = Replace(operation.Url, name, "abc");
                using var response = await AssertProblemInBothLanguagesAsync(HttpMethod.Get, url, null, HttpStatusCode.BadRequest, $"GET {url}", name);
                checkedParameters++;
            }
        }
        Assert.True(checkedParameters > 0);
    }

    [Fact]
    public async Task A_body_without_or_with_a_wrong_Content_Type_is_415_problem_details_naming_what_is_accepted_in_French_or_English()
    {
        var posts = (await OperationsAsync("v1")).Where(o => o.Method == "POST").ToList();
        Assert.NotEmpty(posts);
        foreach (var operation in posts)
        {
            var accepted = operation.Definition.GetProperty("requestBody").GetProperty("content").EnumerateObject().Select(c => c.Name).ToArray();
            using var missing = await AssertProblemInBothLanguagesAsync(HttpMethod.Post, operation.Url, r => r.Content = new ByteArrayContent("[]"u8.ToArray()),
                HttpStatusCode.UnsupportedMediaType, $"POST {operation.Url} without Content-Type", accepted[0]);
            using var wrong = await AssertProblemInBothLanguagesAsync(HttpMethod.Post, operation.Url, r => r.Content = new StringContent("[]", Encoding.UTF8, "application/xml"),
                HttpStatusCode.UnsupportedMediaType, $"POST {operation.Url} as XML", accepted[0]);
        }
    }

    [Fact]
    public async Task A_streamed_CSV_batch_is_answered_gzipped_row_for_row()
    {
        // Interior points of the shipped Lyon perimeters: each is INSIDE its own quartier.
        var quartiers = Geographie.Import.Files.GeoJsonFeatureReader.Read(Geographie.Testing.Geodata.Path("qpv2015/qpv2015_metropole_lyon.geojson")).Features
            .Select(f => (Code: f.Attribute("CODE_QP")!, Point: f.Geometry!.InteriorPoint)).ToArray();
        var csv = "id,lon,lat\n" + string.Concat(quartiers.Select(q => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{q.Code},{q.Point.X:R},{q.Point.Y:R}\n")));
        using var response = await SendAsync(HttpMethod.Post, "/v1/eligibility/batch?geography=qpv2015", r =>
        {
            r.Content = new StringContent(csv, Encoding.UTF8, "text/csv");
            r.Headers.AcceptEncoding.ParseAdd("gzip");
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        await using var gzip = new System.IO.Compression.GZipStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        var rows = (await new StreamReader(gzip).ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
        Assert.Equal(quartiers.Select(q => q.Code), rows.Select(r => r.Split(',')[0]));
        Assert.All(rows.Zip(quartiers), pair => Assert.Contains($",INSIDE,", pair.First));
    }

    [Fact]
    public async Task An_unknown_route_is_404_problem_details_in_French_or_English()
    {
        foreach (var url in new[] { "/v1/nothing-here", "/v2/eligibility", "/ogc/collections/qpv2015/nothing" })
        {
            using var response = await AssertProblemInBothLanguagesAsync(HttpMethod.Get, url, null, HttpStatusCode.NotFound, $"GET {url}");
        }
    }

    private static string Replace(string url, string name, string value)
    {
        var parts = url.Split('?', 2);
        var query = parts.Length == 2 ? parts[1].Split('&').Where(p => !p.StartsWith(name + "=", StringComparison.Ordinal)).ToList() : [];
        query.Add($"{name}={value}");
        return $"{parts[0]}?{string.Join('&', query)}";
    }
}
