using System.Reflection;
using System.Runtime.Serialization;
using Geographie.Import.Files;
using Geographie.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace Geographie.Api.Tests.Conventions;

/// <summary>
/// The OpenAPI document generates a working client: NSwag (a generator nobody here wrote) writes a C# client from the
/// live <c>/openapi/v1.json</c>, Roslyn compiles it, and it calls the service over the shipped data. The expected
/// answers come from the shipped perimeters (a point inside a perimeter is INSIDE its quartier).
/// </summary>
public sealed class GeneratedClientTests(GeographieApp app) : IClassFixture<GeographieApp>
{
    private static readonly IReadOnlyList<(string Code, string Name, double Lon, double Lat)> LyonQuartiers =
        GeoJsonFeatureReader.Read(Geodata.Path("qpv2015/qpv2015_metropole_lyon.geojson")).Features
            .Select(f => (f.Attribute("CODE_QP")!, f.Attribute("Nom du QPV")!, f.Geometry!.InteriorPoint.X, f.Geometry!.InteriorPoint.Y))
            .OrderBy(q => q.Item1, StringComparer.Ordinal)
            .ToArray();

    private async Task<object> ClientAsync()
    {
        var json = await app.Client.GetStringAsync("/openapi/v1.json");
        var document = await NSwag.OpenApiDocument.FromJsonAsync(json);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "GeographieClient",
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            GenerateClientInterfaces = false,
        };
        settings.CSharpGeneratorSettings.Namespace = "Generated";
        settings.CSharpGeneratorSettings.JsonLibrary = CSharpJsonLibrary.SystemTextJson;
        var code = new CSharpClientGenerator(document, settings).GenerateFile();

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("GeneratedGeographieClient", [CSharpSyntaxTree.ParseText(code)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var assembly = new MemoryStream();
        var emitted = compilation.Emit(assembly);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        var type = Assembly.Load(assembly.ToArray()).GetType("Generated.GeographieClient")!;
        // NSwag writes (string baseUrl, HttpClient) or (HttpClient) with a BaseUrl property, depending on the document's servers.
        var constructor = type.GetConstructors().Single();
        var client = constructor.Invoke(constructor.GetParameters()
            .Select(p => p.ParameterType == typeof(HttpClient) ? app.Client : (object)app.Client.BaseAddress!.ToString()).ToArray());
        type.GetProperty("BaseUrl")?.SetValue(client, app.Client.BaseAddress!.ToString());
        return client;
    }

    [Fact]
    public async Task The_generated_client_checks_a_point_inside_a_Lyon_quartier()
    {
        var client = await ClientAsync();
        var (code, _, lon, lat) = LyonQuartiers[0];

        var answer = await CallAsync(client, "GetV1Eligibility", ("id", "a1"), ("lon", lon), ("lat", lat), ("geography", "qpv2015"));

        Assert.Equal("INSIDE", WireName(Property(answer, "Status")));
        Assert.Equal("a1", Property(answer, "Id"));
        Assert.Equal(code, Property(Property(answer, "Quartier")!, "Code"));
    }

    [Fact]
    public async Task The_generated_client_sends_a_JSON_batch_and_reads_one_answer_per_point_in_order()
    {
        var client = await ClientAsync();
        var method = client.GetType().GetMethods().First(m => m.Name == "PostV1EligibilityBatchAsync");
        var body = method.GetParameters().Single(p => p.Name == "body").ParameterType;
        var pointType = body.GetGenericArguments()[0];
        var points = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(pointType))!;
        foreach (var (code, _, lon, lat) in LyonQuartiers.Take(3))
        {
            var point = Activator.CreateInstance(pointType)!;
            pointType.GetProperty("Id")!.SetValue(point, code);
            pointType.GetProperty("Lon")!.SetValue(point, lon);
            pointType.GetProperty("Lat")!.SetValue(point, lat);
            points.Add(point);
        }

        var answers = ((System.Collections.IEnumerable)await CallAsync(client, "PostV1EligibilityBatch", ("geography", "qpv2015"), ("body", points)))
            .Cast<object>().ToArray();

        Assert.Equal(LyonQuartiers.Take(3).Select(q => q.Code), answers.Select(a => (string?)Property(a, "Id")));
        Assert.All(answers, a => Assert.Equal("INSIDE", WireName(Property(a, "Status"))));
        Assert.Equal(LyonQuartiers.Take(3).Select(q => q.Code), answers.Select(a => (string?)Property(Property(a, "Quartier")!, "Code")));
    }

    [Fact]
    public async Task The_generated_client_reads_a_quartier_with_its_GeoJSON_perimeter()
    {
        var client = await ClientAsync();
        var (code, name, _, _) = LyonQuartiers[^1];

        var quartier = await CallAsync(client, "GetV1QuartiersByCode", ("code", code));

        Assert.Equal(code, Property(quartier, "Code"));
        Assert.Equal(name, Property(quartier, "Name"));
        Assert.True((bool)Property(quartier, "PerimeterLoaded")!);
        Assert.Contains(WireName(Property(Property(quartier, "Perimeter")!, "Type")), new[] { "Polygon", "MultiPolygon" });
    }

    [Fact]
    public async Task The_generated_client_surfaces_a_bad_parameter_as_the_problem_the_service_answered()
    {
        var client = await ClientAsync();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => CallAsync(client, "GetV1Eligibility", ("lon", 4.8), ("lat", 95.0)));

        Assert.Equal(400, error.GetType().GetProperty("StatusCode")!.GetValue(error));
        // Typed: ApiException<ProblemDetails>, its Result the problem the service wrote.
        var problem = error.GetType().GetProperty("Result")!.GetValue(error)!;
        Assert.Equal(400, Property(problem, "Status"));
        Assert.Contains("lat", (string)Property(problem, "Detail")!);
    }

    // The generated methods take every parameter in order; those not named here are sent as null.
    private static async Task<object> CallAsync(object client, string operation, params (string Name, object? Value)[] arguments)
    {
        var method = client.GetType().GetMethods()
            .Where(m => m.Name == operation + "Async")
            .OrderByDescending(m => m.GetParameters().Length)
            .First();
        var values = method.GetParameters().Select(p =>
        {
            if (p.ParameterType == typeof(CancellationToken))
            {
                return CancellationToken.None;
            }
            var given = arguments.FirstOrDefault(a => a.Name == p.Name);
            if (given.Name is null)
            {
                return p.ParameterType.IsValueType && Nullable.GetUnderlyingType(p.ParameterType) is null ? Activator.CreateInstance(p.ParameterType) : null;
            }
            var enumType = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
            return enumType.IsEnum ? EnumValue(enumType, (string)given.Value!) : given.Value;
        }).ToArray();
        var task = (Task)method.Invoke(client, values)!;
        await task;
        return task.GetType().GetProperty("Result")!.GetValue(task) ?? throw new InvalidOperationException($"{operation} answered nothing");
    }

    private static object EnumValue(Type type, string wire) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Single(f => (f.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? f.Name) == wire)
            .GetValue(null)!;

    private static string? WireName(object? value) => value is Enum e
        ? e.GetType().GetField(e.ToString())!.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? e.ToString()
        : value?.ToString();

    private static object? Property(object target, string name) =>
        target.GetType().GetProperty(name)?.GetValue(target) ?? (target.GetType().GetProperty(name) is null
            ? throw new InvalidOperationException($"{target.GetType().Name} has no {name}: {string.Join(", ", target.GetType().GetProperties().Select(p => p.Name))}")
            : null);
}
