using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Geographie.Api.Tests.Eligibility;
using Geographie.Api.Tests.Tiles;

using static Geographie.Api.Tests.Eligibility.EligibilityQuery;

namespace Geographie.Api.Tests.InMemory;

/// <summary>REST over the file-built snapshot: the answers and the edge's errors, without PostGIS.</summary>
public sealed class InMemoryRestTests : IClassFixture<FileBackedApp>
{
    private readonly FileBackedApp _app;

    public InMemoryRestTests(FileBackedApp app) => _app = app;

    [Fact]
    public async Task The_interior_point_of_a_Lyon_perimeter_is_inside_it()
    {
        var (code, perimeter) = RealPoints.LyonPerimeters[0];
        var inside = perimeter.InteriorPoint.Coordinate;

        var answer = await _app.Client.GetFromJsonAsync<JsonElement>($"/v1/eligibility?lon={Q(inside.X)}&lat={Q(inside.Y)}&geography=qpv2015");

        Assert.Equal("INSIDE", answer.GetProperty("status").GetString());
        Assert.Equal(code, answer.GetProperty("quartier").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_bad_latitude_is_a_400_problem_naming_the_field()
    {
        var response = await _app.Client.GetAsync("/v1/eligibility?lon=4.85&lat=95");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty("lat", out _), problem.ToString());
    }

    [Fact]
    public async Task Gzip_with_quality_zero_is_refused_and_each_encoding_has_its_own_ETag()
    {
        var (z, x, y, _) = TileEndpointsTests.LyonTile(12);
        var path = $"/tiles/{z}/{x}/{y}.mvt?geography=qpv2015";
        using var refused = new HttpRequestMessage(HttpMethod.Get, path);
        refused.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip", 0));
        using var accepted = new HttpRequestMessage(HttpMethod.Get, path);
        accepted.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        var identity = await _app.Client.SendAsync(refused);
        var gzip = await _app.Client.SendAsync(accepted);

        Assert.Equal(HttpStatusCode.OK, identity.StatusCode);
        Assert.Empty(identity.Content.Headers.ContentEncoding);
        Assert.Equal("gzip", Assert.Single(gzip.Content.Headers.ContentEncoding));
        Assert.NotEqual(identity.Headers.ETag, gzip.Headers.ETag);
    }

    [Fact]
    public async Task If_None_Match_with_a_list_of_tags_answers_304_for_the_matching_one_only()
    {
        var (z, x, y, _) = TileEndpointsTests.LyonTile(12);
        var path = $"/tiles/{z}/{x}/{y}.mvt?geography=qpv2015";
        var first = await _app.Client.GetAsync(path);
        var tag = first.Headers.ETag!.Tag;
        using var matching = new HttpRequestMessage(HttpMethod.Get, path);
        matching.Headers.TryAddWithoutValidation("If-None-Match", $"\"other\", {tag}");
        using var other = new HttpRequestMessage(HttpMethod.Get, path);
        other.Headers.TryAddWithoutValidation("If-None-Match", "\"other\", \"another\"");

        var notModified = await _app.Client.SendAsync(matching);
        var modified = await _app.Client.SendAsync(other);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
    }

    [Fact]
    public async Task Ready_once_the_files_are_read()
    {
        var response = await _app.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
