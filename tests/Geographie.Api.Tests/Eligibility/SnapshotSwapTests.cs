using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Geographie.Storage.Imports;
using Geographie.Testing;

namespace Geographie.Api.Tests.Eligibility;

/// <summary>Imports swap the snapshot while requests run: none fails, none sees half an index.</summary>
public sealed class SnapshotSwapTests : IClassFixture<GeographieApp>
{
    private readonly GeographieApp _app;

    public SnapshotSwapTests(GeographieApp app) => _app = app;

    [Fact]
    public async Task Requests_during_repeated_swaps_all_succeed_with_consistent_answers()
    {
        var (keptCode, kept) = RealPoints.LyonPerimeters[0];
        var inside = kept.InteriorPoint.Coordinate;
        var url = string.Create(CultureInfo.InvariantCulture, $"/v1/eligibility?lon={inside.X:R}&lat={inside.Y:R}&geography=qpv2015");
        var original = Geodata.Path("qpv2015/qpv2015_metropole_lyon.geojson");
        var folder = Directory.CreateTempSubdirectory("geographie-swap-").FullName;
        var variants = Enumerable.Range(1, 4).Select(i =>
        {
            // Each variant drops a different perimeter, never the one the requests fall in.
            var collection = JsonNode.Parse(File.ReadAllText(original))!.AsObject();
            collection["features"]!.AsArray().RemoveAt(i);
            var path = Path.Combine(folder, $"lyon-{i}.geojson");
            File.WriteAllText(path, collection.ToJsonString());
            return path;
        }).Append(original).ToArray();

        using var stop = new CancellationTokenSource();
        var answers = new List<(int Status, string? Code)>();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var seen = new List<(int, string?)>();
            while (!stop.IsCancellationRequested)
            {
                var response = await _app.Client.GetAsync(url);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                seen.Add(((int)response.StatusCode, body.GetProperty("quartier").GetProperty("code").GetString()));
            }
            return seen;
        })).ToArray();

        var importer = new GeographyImporter(_app.Database.DataSource);
        var revisions = new HashSet<long>();
        foreach (var variant in variants)
        {
            Assert.Equal(ImportStatus.Applied, (await importer.ImportPerimetersAsync(variant)).Status);
            await _app.RefreshAsync();
            revisions.Add((await _app.Client.GetFromJsonAsync<JsonElement>("/readyz")).GetProperty("revision").GetInt64());
        }
        stop.Cancel();
        foreach (var reader in readers)
        {
            answers.AddRange(await reader);
        }

        Assert.Equal(variants.Length, revisions.Count);
        Assert.NotEmpty(answers);
        Assert.All(answers, a => Assert.Equal((200, keptCode), a));
    }
}
