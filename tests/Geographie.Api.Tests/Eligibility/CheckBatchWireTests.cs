using System.Globalization;
using Geographie.Api.Grpc.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Status = Geographie.Api.Grpc.V1.Status;
using Wgs84ToLambert = Geographie.Import.Projection.Lambert93;

namespace Geographie.Api.Tests.Eligibility;

/// <summary>
/// CheckBatch's hand-written wire (BatchRequestReader, BatchResponseWriter) against Google.Protobuf's generated code:
/// the response bytes of a batch are those the generated serializer gives for the answers CheckStream gives to the
/// same requests one by one (the stream still maps each answer to a CheckResponse message), on the shipped real data
/// with the test-only additions of <see cref="WholeEditionApp"/> (so that every kind of answer occurs).
/// </summary>
public sealed class CheckBatchWireTests : IClassFixture<CheckBatchWireTests.WholeEditionApp>, IDisposable
{
    private static readonly Marshaller<byte[]> Raw = Marshallers.Create<byte[]>(b => b, b => b);
    private static readonly Method<byte[], byte[]> Batch = new(MethodType.Unary, "geographie.v1.Eligibility", "CheckBatch", Raw, Raw);
    private static readonly Method<byte[], byte[]> Stream = new(MethodType.DuplexStreaming, "geographie.v1.Eligibility", "CheckStream", Raw, Raw);

    private readonly GrpcChannel _english;
    private readonly GrpcChannel _french;

    private readonly (double Lon, double Lat) _inFraisVallonCopy;

    public CheckBatchWireTests(WholeEditionApp whole)
    {
        var app = whole.App;
        _inFraisVallonCopy = whole.InFraisVallonCopy;
        _english = GrpcChannel.ForAddress(app.Factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = new AcceptEnglish(app.Factory.Server.CreateHandler()) });
        _french = GrpcChannel.ForAddress(app.Factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = app.Factory.Server.CreateHandler() });
    }

    public void Dispose()
    {
        _english.Dispose();
        _french.Dispose();
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task The_response_bytes_are_the_generated_serializers_for_every_kind_of_answer(string language)
    {
        var channel = language == "en" ? _english : _french;
        var requests = EveryKindOfRequest();
        var expected = await StreamAnswers(channel, requests);

        var bytes = await CallBatch(channel, new CheckBatchRequest { Requests = { requests } }.ToByteArray());

        var decoded = CheckBatchResponse.Parser.ParseFrom(bytes);
        Assert.Equal(expected.Count, decoded.Responses.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], decoded.Responses[i]);
        }
        Assert.Equal(new CheckBatchResponse { Responses = { expected } }.ToByteArray(), bytes);
        AssertEveryKind(expected);
    }

    [Fact]
    public async Task Lean_response_bytes_are_the_generated_serializers_for_the_lean_answers()
    {
        var requests = EveryKindOfRequest();
        var lean = (await StreamAnswers(_english, requests)).Select(Leaned).ToList();

        var bytes = await CallBatch(_english, new CheckBatchRequest { Requests = { requests }, Lean = true }.ToByteArray());

        Assert.Equal(new CheckBatchResponse { Responses = { lean } }.ToByteArray(), bytes);
        Assert.Contains(lean, r => r.Status == Status.Invalid && r.Reason.Length > 0);
        Assert.Contains(lean, r => r.Quartier is { Code.Length: > 0, Name.Length: 0 });
    }

    [Fact]
    public async Task Unknown_fields_are_skipped_and_answers_are_those_of_the_clean_request()
    {
        var requests = EveryKindOfRequest();
        var clean = new CheckBatchRequest { Requests = { requests } }.ToByteArray();
        var noisy = new List<byte>(Unknown(100));
        foreach (var request in requests)
        {
            // Unknown fields before and after each request's own, and known numbers with another wire type.
            var body = Unknown(30).Concat(request.ToByteArray()).Concat(Unknown(31)).Concat(WrongWireTypes).ToArray();
            noisy.Add(0x0A);
            noisy.AddRange(Varint((ulong)body.Length));
            noisy.AddRange(body);
        }
        noisy.AddRange(Unknown(101));

        Assert.Equal(await CallBatch(_english, clean), await CallBatch(_english, [.. noisy]));
    }

    [Fact]
    public async Task A_batch_of_unknown_fields_only_is_empty_and_INVALID_ARGUMENT()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CallBatch(_english, [.. Unknown(5), 0x10, 0x01]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations);
        Assert.Equal("requests", violation.Field);
    }

    [Fact]
    public async Task Bytes_that_are_not_a_CheckBatchRequest_are_INVALID_ARGUMENT_naming_the_message()
    {
        var valid = new CheckBatchRequest { Requests = { EveryKindOfRequest() } }.ToByteArray();

        var cut = await Assert.ThrowsAsync<RpcException>(() => CallBatch(_english, valid[..(valid.Length - 3)]));
        var notUtf8 = await Assert.ThrowsAsync<RpcException>(() => CallBatch(_english, [0x0A, 0x03, 0x0A, 0x01, 0xFF]));

        Assert.Equal((StatusCode.InvalidArgument, StatusCode.InvalidArgument), (cut.StatusCode, notUtf8.StatusCode));
        Assert.Contains("not a valid /geographie.v1.Eligibility/CheckBatch request message", cut.Status.Detail);
        Assert.Contains("UTF-8", notUtf8.Status.Detail);
    }

    // Requests whose answers hold every field of a CheckResponse: real Lyon points (2015, made whole: INSIDE, NEAR,
    // OUTSIDE with a distance, UNCERTAIN; 2024: UNKNOWN with the loaded geographies), Marseille's collèges (2024:
    // UNKNOWN with the nearest loaded perimeter), a point of the Frais Vallon copy (INSIDE with Contrat items),
    // Lambert-93 and dated requests, shipped BAL addresses matched or not, INVALID points of several kinds, ids empty,
    // ASCII and not.
    private List<CheckRequest> EveryKindOfRequest()
    {
        var requests = new List<CheckRequest>();
        requests.Add(new CheckRequest { Id = "Frais Vallon copy", Wgs84 = new Wgs84 { Lon = _inFraisVallonCopy.Lon, Lat = _inFraisVallonCopy.Lat }, IncludeContrat = true });
        var toLambert = Wgs84ToLambert.FromWgs84();
        var lyon = RealPoints.LyonSample(randomCount: 300, seed: 20261202);
        for (var i = 0; i < lyon.Count; i++)
        {
            var (lon, lat) = lyon[i];
            var request = new CheckRequest
            {
                Id = i % 7 == 0 ? string.Empty : i % 5 == 0 ? $"point n°{i} — é" : i.ToString(CultureInfo.InvariantCulture),
                Geography = i % 4 == 0 ? string.Empty : "qpv2015",
                NearDistanceM = 300,
                IncludeContrat = i % 3 == 0,
            };
            if (i % 6 == 0)
            {
                request.PositionUncertaintyM = 40;
            }
            if (i % 8 == 0)
            {
                var (x, y) = toLambert.Transform(lon, lat);
                request.Lambert93 = new Lambert93 { X = x, Y = y };
            }
            else
            {
                request.Wgs84 = new Wgs84 { Lon = lon, Lat = lat };
            }
            if (i % 11 == 0)
            {
                request.Geography = string.Empty;
                request.Date = "2020-06-01";
            }
            requests.Add(request);
        }
        requests.AddRange(RealPoints.Colleges.Select((c, i) => new CheckRequest
        {
            Id = c.Uai, Wgs84 = new Wgs84 { Lon = c.Lon, Lat = c.Lat }, IncludeContrat = true, NearDistanceM = 500, PositionUncertaintyM = i % 2 == 0 ? 60 : 0,
        }));
        requests.Add(new CheckRequest { Id = "address", Address = new Address { Text = "1 rue Joffre 54111 Mont-Bonvillers" } });
        requests.Add(new CheckRequest { Id = "no such address", Address = new Address { Text = "999 rue de Nulle Part 54111 Mont-Bonvillers" } });
        requests.Add(new CheckRequest { Id = "far", Wgs84 = new Wgs84 { Lon = -70, Lat = 45 } });
        requests.Add(new CheckRequest { Id = "none" });
        requests.Add(new CheckRequest { Id = "bad date", Wgs84 = new Wgs84 { Lon = 4.85, Lat = 45.75 }, Date = "2024-13-01" });
        requests.Add(new CheckRequest { Id = "bad geography", Wgs84 = new Wgs84 { Lon = 4.85, Lat = 45.75 }, Geography = "qpv1996" });
        requests.Add(new CheckRequest { Id = "bad band", Wgs84 = new Wgs84 { Lon = 4.85, Lat = 45.75 }, NearDistanceM = -1 });
        return requests;
    }

    private static void AssertEveryKind(IReadOnlyList<CheckResponse> answers)
    {
        var kinds = new Dictionary<string, bool>
        {
            ["INSIDE with communes and Contrat items"] = answers.Any(r => r.Status == Status.Inside && r.Quartier is { Communes.Count: > 0 } && r.Defis.Count > 0 && r.Projets.Count > 0),
            ["NEAR"] = answers.Any(r => r.Status == Status.Near),
            ["OUTSIDE with a distance and the nearest code"] = answers.Any(r => r.Status == Status.Outside && r.HasDistanceM && r.NearestCode.Length > 0),
            ["UNCERTAIN"] = answers.Any(r => r.Status == Status.Uncertain),
            ["UNKNOWN with the nearest loaded perimeter"] = answers.Any(r => r.Status == Status.Unknown && r.NearestLoaded is not null),
            ["UNKNOWN with loaded geographies and a hint"] = answers.Any(r => r.LoadedGeographies.Count > 0 && r.Hint.Length > 0),
            ["INVALID"] = answers.Any(r => r.Status == Status.Invalid),
            ["a matched address"] = answers.Any(r => r.Address is not null),
            ["an id that is not ASCII"] = answers.Any(r => r.Id.Contains('é', StringComparison.Ordinal)),
        };
        Assert.True(kinds.Values.All(found => found), "missing: " + string.Join(", ", kinds.Where(k => !k.Value).Select(k => k.Key)));
    }

    // What CheckBatch's lean flag leaves of an answer (the proto's comment): INVALID answers are kept whole.
    private static CheckResponse Leaned(CheckResponse full)
    {
        if (full.Status == Status.Invalid)
        {
            return full;
        }
        var lean = full.Clone();
        lean.Reason = string.Empty;
        lean.Hint = string.Empty;
        lean.Defis.Clear();
        lean.Projets.Clear();
        if (full.Quartier is { } quartier)
        {
            lean.Quartier = new Quartier { Code = quartier.Code };
        }
        return lean;
    }

    private static async Task<byte[]> CallBatch(GrpcChannel channel, byte[] request) =>
        await channel.CreateCallInvoker().AsyncUnaryCall(Batch, null, default, request);

    // The answers of CheckStream to the same requests, each parsed from the bytes the generated serializer wrote.
    private static async Task<List<CheckResponse>> StreamAnswers(GrpcChannel channel, IReadOnlyList<CheckRequest> requests)
    {
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(Stream, null, default);
        foreach (var request in requests)
        {
            await call.RequestStream.WriteAsync(request.ToByteArray());
        }
        await call.RequestStream.CompleteAsync();
        var answers = new List<CheckResponse>();
        await foreach (var bytes in call.ResponseStream.ReadAllAsync())
        {
            answers.Add(CheckResponse.Parser.ParseFrom(bytes));
        }
        return answers;
    }

    // Fields no version of the proto has (numbers from 1000 up), of every wire type, a group nesting another.
    private static byte[] Unknown(int seed)
    {
        var field = (ulong)(1000 + seed);
        return
        [
            .. Varint(field << 3), .. Varint(ulong.MaxValue),
            .. Varint((field + 1) << 3 | 1), 1, 2, 3, 4, 5, 6, 7, 8,
            .. Varint((field + 2) << 3 | 2), 3, 0x61, 0x62, 0x63,
            .. Varint((field + 3) << 3 | 3), .. Varint(7 << 3 | 3), 0x08, 0x01, .. Varint(7 << 3 | 4), .. Varint((field + 3) << 3 | 4),
            .. Varint((field + 4) << 3 | 5), 1, 2, 3, 4,
        ];
    }

    // CheckRequest's own field numbers with a wire type its fields do not have: unknown fields to protobuf.
    private static readonly byte[] WrongWireTypes =
    [
        1 << 3 | 0, 0x05,             // id as a varint
        2 << 3 | 5, 0, 0, 0, 0,       // wgs84 as fixed32
        4 << 3 | 1, 0, 0, 0, 0, 0, 0, 0, 0,   // geography as fixed64
        6 << 3 | 0, 0x2A,             // near_distance_m as a varint
        8 << 3 | 2, 0x01, 0x01,       // include_contrat as bytes
    ];

    /// <summary>
    /// The service over the shipped data plus two TEST-ONLY changes to its database, so that every kind of answer
    /// occurs: the 2015 edition made whole with translated copies of the 37 real Lyon perimeters far from Lyon (labelled
    /// "test copy", not QPV), as the benchmarks' production workload does, so that outside points are OUTSIDE with a
    /// distance; and Frais Vallon (QN01344M, 2024, no shipped perimeter) given a translated copy of a real Lyon
    /// perimeter (not its perimeter), so that an INSIDE answer carries the Contrat de ville's défis and projets.
    /// </summary>
    public sealed class WholeEditionApp : IAsyncLifetime
    {
        private const string TestOnlyChanges = """
            INSERT INTO quartier (version, code, name, departement, perimeter, area_m2, in_register)
            SELECT 'qpv2015', 'QP' || (100 + copy)::text || right(q.code, 3), 'test copy ' || copy || ' of ' || q.name || ' (translated, not QPV)',
                   q.departement, ST_Translate(q.perimeter, -5.4 + 1.25 * (copy % 8), -3.4 - 1.5 * (copy / 8)), q.area_m2, false
            FROM quartier q CROSS JOIN generate_series(0, 39) AS copy
            WHERE q.version = 'qpv2015' AND q.perimeter IS NOT NULL;
            UPDATE quartier SET perimeter = (
                SELECT ST_Translate(perimeter, 5.405 - ST_X(ST_Centroid(perimeter)), 43.335 - ST_Y(ST_Centroid(perimeter)))
                FROM quartier WHERE version = 'qpv2015' AND code = 'QP069013')
            WHERE version = 'qpv2024' AND code = 'QN01344M';
            UPDATE data_revision SET revision = revision + 1, changed_at = now();
            """;

        /// <summary>The service and its database.</summary>
        public GeographieApp App { get; } = new();

        /// <summary>A point inside the test copy given to Frais Vallon.</summary>
        public (double Lon, double Lat) InFraisVallonCopy { get; private set; }

        public async Task InitializeAsync()
        {
            await App.InitializeAsync();
            await using (var command = App.Database.DataSource.CreateCommand(TestOnlyChanges))
            {
                await command.ExecuteNonQueryAsync();
            }
            InFraisVallonCopy = (
                await App.Database.ScalarAsync<double>("SELECT ST_X(ST_PointOnSurface(perimeter)) FROM quartier WHERE version = 'qpv2024' AND code = 'QN01344M'"),
                await App.Database.ScalarAsync<double>("SELECT ST_Y(ST_PointOnSurface(perimeter)) FROM quartier WHERE version = 'qpv2024' AND code = 'QN01344M'"));
            await App.RefreshAsync();
        }

        public Task DisposeAsync() => App.DisposeAsync();
    }

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }
        bytes.Add((byte)value);
        return [.. bytes];
    }
}
