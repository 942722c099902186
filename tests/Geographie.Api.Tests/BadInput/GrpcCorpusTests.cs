using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Geographie.Api.Grpc.V1;
using Grpc.Core;
using Status = Geographie.Api.Grpc.V1.Status;

namespace Geographie.Api.Tests.BadInput;

/// <summary>
/// The gRPC part of the bad-input corpus. Typed cases go through the generated client; raw cases are hand-built
/// HTTP/2 requests (5-byte frame header and body bytes) sent through the in-memory server, for what a client library
/// would never send: bytes that are not protobuf, frames cut or doubled, wrong compression flags, lengths beyond the
/// limit. Each gets its exact status (never UNKNOWN, never an HTTP 5xx), no error is logged, and the known point is
/// still answered right over gRPC and REST afterwards.
/// </summary>
[Collection(CorpusCollection.Name)]
public sealed class GrpcCorpusTests(CorpusApp app)
{
    private const string Check = "/geographie.v1.Eligibility/Check";
    private const string Batch = "/geographie.v1.Eligibility/CheckBatch";
    private const string Stream = "/geographie.v1.Eligibility/CheckStream";

    private static CheckRequest Wgs(double lon, double lat) => new() { Wgs84 = new Wgs84 { Lon = lon, Lat = lat } };

    private static CheckRequest Known => Wgs(CorpusApp.KnownPoint.Lon, CorpusApp.KnownPoint.Lat);

    /// <summary>Requests a client library can send that are wrong in value: INVALID_ARGUMENT for Check.</summary>
    private static readonly Dictionary<string, CheckRequest> TypedCases = BuildTyped();

    private static Dictionary<string, CheckRequest> BuildTyped()
    {
        var cases = new Dictionary<string, CheckRequest>();
        double[] notCoordinates = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 181, -181, 1e308, -1e308];
        foreach (var bad in notCoordinates)
        {
            cases[$"lon {bad}"] = Wgs(bad, 45.77);
            cases[$"lat {bad}"] = Wgs(4.97, bad is 181 or -181 ? bad / 2 : bad);
            cases[$"x {bad}"] = new CheckRequest { Lambert93 = new Lambert93 { X = bad, Y = 6_520_000 } };
            cases[$"y {bad}"] = new CheckRequest { Lambert93 = new Lambert93 { X = 850_000, Y = bad } };
        }
        cases["swapped axes"] = Wgs(45.77, 4.97);
        cases["New York"] = Wgs(-74, 40.7);
        cases["null island"] = Wgs(0, 0);
        cases["no location"] = new CheckRequest { Id = "x" };
        cases["Lambert-93 origin"] = new CheckRequest { Lambert93 = new Lambert93() };
        foreach (var geography in new[] { "qpv2030", "<b>", new string('q', 5000), " ", "qpv2024\0" })
        {
            cases[$"geography {geography.Length}:{geography[..Math.Min(8, geography.Length)]}"] = Known.WithGeography(geography);
        }
        foreach (var date in new[] { "2014-12-31", "2024-13-01", "2024-02-30", "x", "2024/01/01", "0001-01-01", "2024-01-01T00:00" })
        {
            cases[$"date {date}"] = Known.WithDate(date);
        }
        foreach (var band in new[] { -1, double.NaN, double.PositiveInfinity, 10_001, -0.001 })
        {
            cases[$"near {band}"] = Known.WithNear(band);
            cases[$"uncertainty {band}"] = Known.WithUncertainty(band);
        }
        return cases;
    }

    /// <summary>A hand-built request: its path, its body bytes and headers, and the gRPC (or, when not 200, HTTP) status it gets.</summary>
    public sealed record RawCase(string Path, byte[] Body, int HttpStatus, StatusCode? Grpc,
        string ContentType = "application/grpc", string? Encoding = null, string Method = "POST", Version? Version = null);

    private static readonly Dictionary<string, RawCase> RawCases = BuildRaw();

    private static byte[] Frame(byte[] message, byte flag = 0, uint? length = null)
    {
        var frame = new byte[5 + message.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), length ?? (uint)message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }

    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    private static Dictionary<string, RawCase> BuildRaw()
    {
        var cases = new Dictionary<string, RawCase>();
        // Bytes that no protobuf parser accepts as these messages.
        var notProtobuf = new Dictionary<string, byte[]>
        {
            ["FF FF FF"] = Hex("FFFFFF"),
            ["truncated varint"] = Hex("08"),
            ["string longer than the message"] = Hex("0A0561"),
            ["truncated double in wgs84"] = Hex("1203090000"),
            ["tag zero"] = Hex("00"),
            ["200 nested groups"] = Enumerable.Repeat((byte)0x0B, 200).ToArray(),
            ["group never ended"] = Hex("0B"),
            ["end group without start"] = Hex("0C"),
            ["negative length"] = Hex("0AFFFFFFFF0F"),
            ["varint of 11 bytes"] = Hex("0A8080808080808080808001"),
            ["wire type 7"] = Hex("07"),
            ["wire type 6"] = Hex("0E"),
            ["truncated fixed64"] = Hex("3100"),
            ["groups inside wgs84"] = Hex("12020B0B"),
            ["nested length beyond"] = Hex("12FF01"),
            ["JSON text"] = System.Text.Encoding.UTF8.GetBytes("{\"wgs84\":{\"lon\":4.9,\"lat\":45.7}}"),
        };
        foreach (var (name, bytes) in notProtobuf)
        {
            cases[$"Check {name}"] = new RawCase(Check, Frame(bytes), 200, StatusCode.InvalidArgument);
            cases[$"CheckBatch {name}"] = new RawCase(Batch, Frame(bytes), 200, StatusCode.InvalidArgument);
            cases[$"CheckStream {name}"] = new RawCase(Stream, Frame(bytes), 200, StatusCode.InvalidArgument);
        }
        var valid = Frame(Google.Protobuf.MessageExtensions.ToByteArray(Known));
        // Frames that are not one whole message: grpc-dotnet's own INTERNAL (documented in docs/grpc.md).
        cases["empty body"] = new RawCase(Check, [], 200, StatusCode.Internal);
        cases["three bytes of a frame header"] = new RawCase(Check, [0, 0, 0], 200, StatusCode.Internal);
        cases["frame longer than its body"] = new RawCase(Check, Frame([0x0A, 0x01, 0x61], length: 10), 200, StatusCode.Internal);
        cases["two messages for a unary call"] = new RawCase(Check, [.. valid, .. valid], 200, StatusCode.Internal);
        cases["compressed flag without an encoding"] = new RawCase(Check, Frame([0x0A], flag: 1), 200, StatusCode.Internal);
        cases["compressed flag 2"] = new RawCase(Check, Frame([0x0A], flag: 2), 200, StatusCode.Internal);
        cases["stream cut in a frame"] = new RawCase(Stream, [.. valid, 0, 0, 0, 0, 9, 0x0A], 200, StatusCode.Internal);
        // Lengths beyond MaxGrpcMessageBytes (64 MiB): refused from the prefix, before any body is read.
        cases["length 2^31-1"] = new RawCase(Check, Frame([], length: int.MaxValue), 200, StatusCode.ResourceExhausted);
        cases["length 64 MiB + 1"] = new RawCase(Check, Frame([], length: 64 * 1024 * 1024 + 1), 200, StatusCode.ResourceExhausted);
        cases["batch length 2^32-1"] = new RawCase(Batch, Frame([], length: uint.MaxValue), 200, StatusCode.ResourceExhausted);
        cases["stream length 2^31"] = new RawCase(Stream, Frame([], length: 1u << 31), 200, StatusCode.Internal);
        cases["stream length 64 MiB + 1"] = new RawCase(Stream, Frame([], length: 64 * 1024 * 1024 + 1), 200, StatusCode.ResourceExhausted);
        cases["stream compressed flag 2"] = new RawCase(Stream, Frame([0x0A], flag: 2), 200, StatusCode.Internal);
        // Requests that are not gRPC calls of this service.
        cases["unknown encoding"] = new RawCase(Check, Frame([0x0A], flag: 1), 200, StatusCode.Unimplemented, Encoding: "br");
        cases["unknown method"] = new RawCase("/geographie.v1.Eligibility/Nope", valid, 404, null);
        cases["unknown service"] = new RawCase("/geographie.v2.Eligibility/Check", valid, 404, null);
        cases["text/plain"] = new RawCase(Check, valid, 415, null, ContentType: "text/plain");
        cases["GET"] = new RawCase(Check, [], 405, null, Method: "GET");
        cases["HTTP/1.1"] = new RawCase(Check, valid, 426, null, Version: HttpVersion.Version11);
        return cases;
    }

    public static TheoryData<string> TypedNames => new(TypedCases.Keys);

    public static TheoryData<string> RawNames => new(RawCases.Keys);

    /// <summary>Case counts by kind, for the corpus README.</summary>
    internal static int Count => TypedCases.Count + RawCases.Count;

    [Theory]
    [MemberData(nameof(TypedNames))]
    public async Task A_wrong_value_is_INVALID_ARGUMENT_with_a_field_violation(string name)
    {
        var client = new Geographie.Api.Grpc.V1.Eligibility.EligibilityClient(app.Channel);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.CheckAsync(TypedCases[name]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations);
        Assert.DoesNotContain("Geographie.", violation.Description, StringComparison.Ordinal);
        var batch = await client.CheckBatchAsync(new CheckBatchRequest { Requests = { TypedCases[name], Known } });
        Assert.Equal(Status.Invalid, batch.Responses[0].Status);
        await AssertStillRightAsync(name);
    }

    [Theory]
    [MemberData(nameof(RawNames))]
    public async Task A_raw_request_gets_its_exact_status_never_UNKNOWN(string name)
    {
        var c = RawCases[name];
        using var client = app.Factory.CreateDefaultClient();
        using var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Path)
        {
            Version = c.Version ?? HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = c.Method == "GET" ? null : new ByteArrayContent(c.Body),
        };
        if (request.Content is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(c.ContentType);
        }
        request.Headers.TE.ParseAdd("trailers");
        if (c.Encoding is not null)
        {
            request.Headers.Add("grpc-encoding", c.Encoding);
        }
        using var response = await client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        var grpcStatus = response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.Single()
            : response.Headers.TryGetValues("grpc-status", out var header) ? header.Single() : null;
        var message = response.TrailingHeaders.TryGetValues("grpc-message", out var m) ? m.Single()
            : response.Headers.TryGetValues("grpc-message", out var h) ? h.Single() : "";

        Assert.True((int)response.StatusCode == c.HttpStatus, $"{name}: HTTP {(int)response.StatusCode}, grpc-status {grpcStatus} {message}");
        if (c.Grpc is { } expected)
        {
            Assert.True(grpcStatus == ((int)expected).ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"{name}: grpc-status {grpcStatus} ({message}), expected {(int)expected} {expected}");
        }
        Assert.NotEqual(((int)StatusCode.Unknown).ToString(System.Globalization.CultureInfo.InvariantCulture), grpcStatus);
        await AssertStillRightAsync(name);
    }

    private async Task AssertStillRightAsync(string name)
    {
        var answer = await new Geographie.Api.Grpc.V1.Eligibility.EligibilityClient(app.Channel).CheckAsync(Known.WithGeography("qpv2015"));
        Assert.Equal((Status.Inside, CorpusApp.KnownPoint.Code), (answer.Status, answer.Quartier?.Code));
        await app.AssertStillRightAsync(name);
    }
}

internal static class CheckRequestVariants
{
    public static CheckRequest WithGeography(this CheckRequest request, string geography) => new(request) { Geography = geography };

    public static CheckRequest WithDate(this CheckRequest request, string date) => new(request) { Date = date };

    public static CheckRequest WithNear(this CheckRequest request, double near) => new(request) { NearDistanceM = near };

    public static CheckRequest WithUncertainty(this CheckRequest request, double uncertainty) => new(request) { PositionUncertaintyM = uncertainty };
}
