using System.Net.Http.Headers;
using System.Text.Json;

namespace Geographie.Api.Tests.BadInput;

/// <summary>
/// The REST part of the bad-input corpus (<see cref="RestCases"/>): each case gets its exact status, never a 5xx;
/// an error is problem+json with a detail that names no .NET type and quotes no markup; a batch answered 200 has one
/// row per point sent; and the service still answers the known point right afterwards, with no error logged.
/// </summary>
[Collection(CorpusCollection.Name)]
public sealed class RestCorpusTests(CorpusApp app)
{
    public static TheoryData<string> Names => new(RestCases.All.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Each_bad_request_gets_its_exact_status_and_leaves_the_service_right(string name)
    {
        var c = RestCases.All[name];
        using var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Path);
        if (c.Body is not null)
        {
            request.Content = new ByteArrayContent(c.Body);
            request.Content.Headers.ContentType = c.ContentType is null ? null : MediaTypeHeaderValue.Parse(c.ContentType);
        }
        using var response = await app.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode == c.Status, $"{name}: expected {c.Status}, got {(int)response.StatusCode} {body[..Math.Min(body.Length, 400)]}");
        if (c.Status >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString();
            Assert.False(string.IsNullOrWhiteSpace(detail), $"{name}: no detail");
            Assert.DoesNotContain("Geographie.", body, StringComparison.Ordinal);
            Assert.DoesNotContain("System.", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Microsoft.", body, StringComparison.Ordinal);
            Assert.DoesNotContain("<", body, StringComparison.Ordinal);
        }
        if (c.Rows is { } rows)
        {
            var answered = response.Content.Headers.ContentType?.MediaType is "text/csv" or "text/tab-separated-values"
                ? body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1
                : JsonDocument.Parse(body).RootElement.GetArrayLength();
            Assert.True(answered == rows, $"{name}: {answered} answers for {rows} points: {body[..Math.Min(body.Length, 600)]}");
            Assert.DoesNotContain("ERROR", body, StringComparison.Ordinal);
        }
        if (c.Contains is not null)
        {
            Assert.Contains(c.Contains, body, StringComparison.Ordinal);
        }
        Assert.Equal("nosniff", response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) ? sniff.Single() : null);
        await app.AssertStillRightAsync(name);
    }
}
