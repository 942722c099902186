using System.Globalization;
using System.Net;
using System.Text;
using Geographie.Api.Data;
using Geographie.Api.Grpc.V1;
using Geographie.Api.Hosting;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Geographie.Api.Tests.BadInput;

/// <summary>
/// The findings of issue 11 that need more than one request each: a JSON batch counted while it streams, a CSV
/// body cut by the size limit, and what only the real server (Kestrel) shows: its body limit on gRPC, the two
/// listeners kept apart, the request line and header limits.
/// </summary>
[Collection(CorpusCollection.Name)]
public sealed class HardeningTests(CorpusApp app)
{
    private static string Point(int i) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"id\":\"{i}\",\"lon\":{CorpusApp.KnownPoint.Lon:R},\"lat\":{CorpusApp.KnownPoint.Lat:R}}}");

    private async Task<WebApplicationFactory<Program>> WithSettingsAsync(params (string Key, string Value)[] settings)
    {
        var factory = app.Factory.WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
        await factory.Services.GetRequiredService<SnapshotRefresher>().RefreshAsync(CancellationToken.None);
        return factory;
    }

    [Fact]
    public async Task A_JSON_batch_beyond_MaxBatch_is_refused_having_read_only_the_items_up_to_the_limit()
    {
        await using var factory = await WithSettingsAsync(("Geographie:MaxBatch", "1000"));
        var body = new GeneratedBody(Enumerable.Range(0, 200_000).Select(i => (i == 0 ? "[" : ",") + Point(i)).Append("]"));
        using var content = new StreamContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        // The server's own client: the factory's default one buffers a request body whole to replay it on redirects.
        using var response = await AcceptEnglish.On(factory.Server.CreateClient()).PostAsync("/v1/eligibility/batch?geography=qpv2015", content);

        var problem = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, problem);
        Assert.Contains("more than 1000 points", problem);
        // 1,001 items are about 70 KB; the whole body is about 14 MB. What was read beyond the limit is the pipe's buffer.
        Assert.InRange(body.Served, 1001 * Point(0).Length, 1_000_000);
    }

    [Fact]
    public async Task A_CSV_body_beyond_the_size_limit_ends_with_an_ERROR_row_counting_the_rows_answered()
    {
        await using var factory = await WithSettingsAsync(("Geographie:MaxBatchBodyBytes", "200000"));
        var rows = Enumerable.Range(0, 60_000)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"{i},{CorpusApp.KnownPoint.Lon:R},{CorpusApp.KnownPoint.Lat:R}\n"));
        // No Content-Length: the limit is met while answering, not before.
        using var content = new StreamContent(new GeneratedBody(rows.Prepend("id,lon,lat\n")));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/eligibility/batch?geography=qpv2015") { Content = content };

        using var response = await AcceptEnglish.On(factory.Server.CreateClient()).SendAsync(request);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var last = lines[^1].Split(',');
        Assert.Equal("ERROR", last[3]);
        var answered = lines.Length - 2;
        Assert.InRange(answered, 1, 59_999);
        Assert.Contains($"{answered} rows were answered", lines[^1], StringComparison.Ordinal);
        Assert.All(lines.Skip(1).SkipLast(1), l => Assert.Equal("INSIDE", l.Split(',')[3]));
    }

    [Fact]
    public async Task The_map_page_has_a_content_security_policy_and_no_answer_is_sniffed()
    {
        using var page = await app.Client.GetAsync("/");
        using var api = await app.Client.GetAsync("/v1/defis");

        Assert.Equal(ResponseHeaders.MapPagePolicy, page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("nosniff", api.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.False(api.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task On_Kestrel_gRPC_takes_messages_up_to_64_MiB_and_each_port_serves_only_its_protocol()
    {
        var (factory, urls) = await LoopbackPorts.StartAsync(ports => app.Factory.WithWebHostBuilder(web => web
            .UseSetting("Geographie:RestUrl", ports.Rest)
            .UseSetting("Geographie:GrpcUrl", ports.Grpc)
            .UseSetting("Geographie:MetricsUrl", ports.Metrics)));
        await using var _ = factory;
        await factory.Services.GetRequiredService<SnapshotRefresher>().RefreshAsync(CancellationToken.None);
        using var channel = GrpcChannel.ForAddress(urls.Grpc, new GrpcChannelOptions { MaxReceiveMessageSize = null, MaxSendMessageSize = null });
        var client = new Geographie.Api.Grpc.V1.Eligibility.EligibilityClient(channel);
        var known = new CheckRequest { Wgs84 = new Wgs84 { Lon = CorpusApp.KnownPoint.Lon, Lat = CorpusApp.KnownPoint.Lat }, Geography = "qpv2015" };

        // 40 MB: beyond Kestrel's default body limit of 30,000,000 bytes, within the documented 64 MiB.
        var big = await client.CheckAsync(new CheckRequest(known) { Id = new string('i', 40_000_000) });
        var tooBig = await Assert.ThrowsAsync<RpcException>(async () => await client.CheckAsync(new CheckRequest(known) { Id = new string('i', 70_000_000) }));

        Assert.Equal((Geographie.Api.Grpc.V1.Status.Inside, 40_000_000), (big.Status, big.Id.Length));
        Assert.Equal(StatusCode.ResourceExhausted, tooBig.StatusCode);

        using var http2 = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var restOnGrpcPort = await http2.GetAsync($"{urls.Grpc}/v1/defis");
        using var mapOnGrpcPort = await http2.GetAsync($"{urls.Grpc}/");
        using var http1 = new HttpClient();
        using var grpcOnRestPort = await http1.PostAsync($"{urls.Rest}/geographie.v1.Eligibility/Check",
            new ByteArrayContent([0, 0, 0, 0, 0]) { Headers = { ContentType = new("application/grpc") } });
        using var restOnRestPort = await http1.GetAsync($"{urls.Rest}/v1/defis");

        Assert.Equal(HttpStatusCode.NotFound, restOnGrpcPort.StatusCode);
        Assert.Contains("ne sert que gRPC", await restOnGrpcPort.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, mapOnGrpcPort.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, grpcOnRestPort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, restOnRestPort.StatusCode);

        // The request line and header limits answer with problem details, before Kestrel's own bare 414 and 431.
        using var longTarget = await http1.GetAsync($"{urls.Rest}/v1/defis?q={new string('a', RequestTargetLimits.MaxTargetChars + 10)}");
        using var bigHeaders = new HttpRequestMessage(HttpMethod.Get, $"{urls.Rest}/v1/defis");
        bigHeaders.Headers.Add("X-Padding", new string('h', RequestTargetLimits.MaxHeaderBytes + 10));
        using var tooManyHeaders = await http1.SendAsync(bigHeaders);

        Assert.Equal(HttpStatusCode.RequestUriTooLong, longTarget.StatusCode);
        Assert.Equal("application/problem+json", longTarget.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, tooManyHeaders.StatusCode);
        Assert.Equal("application/problem+json", tooManyHeaders.Content.Headers.ContentType?.MediaType);
        await app.AssertStillRightAsync("Kestrel limits");
    }

    /// <summary>A body made piece by piece as the server reads it (no length, so sent chunked), counting what was pulled.</summary>
    private sealed class GeneratedBody(IEnumerable<string> pieces) : Stream
    {
        private readonly IEnumerator<string> _pieces = pieces.GetEnumerator();
        private byte[] _pending = [];
        private int _offset;

        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int length)
        {
            if (_offset == _pending.Length)
            {
                if (!_pieces.MoveNext())
                {
                    return 0;
                }
                _pending = Encoding.UTF8.GetBytes(_pieces.Current);
                _offset = 0;
            }
            var n = Math.Min(length, _pending.Length - _offset);
            Array.Copy(_pending, _offset, buffer, offset, n);
            _offset += n;
            Served += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int length) => throw new NotSupportedException();
    }
}
