using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Geographie.Api.Grpc.V1;
using Geographie.Import.Csv;
using Wgs84ToLambert = Geographie.Import.Projection.Lambert93;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Npgsql;
using Status = Geographie.Api.Grpc.V1.Status;

namespace Geographie.Api.Tests.Eligibility;

public sealed class EligibilityGrpcTests : IClassFixture<GeographieApp>, IDisposable
{
    private readonly GeographieApp _app;
    private readonly GrpcChannel _channel;
    private readonly Geographie.Api.Grpc.V1.Eligibility.EligibilityClient _client;

    public EligibilityGrpcTests(GeographieApp app)
    {
        _app = app;
        _channel = GrpcChannel.ForAddress(app.Factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = new AcceptEnglish(app.Factory.Server.CreateHandler()) });
        _client = new Geographie.Api.Grpc.V1.Eligibility.EligibilityClient(_channel);
    }

    public void Dispose() => _channel.Dispose();

    private static CheckRequest Point(string id, double lon, double lat, double near = 200) =>
        new() { Id = id, Wgs84 = new Wgs84 { Lon = lon, Lat = lat }, Geography = "qpv2015", NearDistanceM = near };

    [Fact]
    public async Task A_bad_point_is_INVALID_ARGUMENT_with_a_field_violation_named_as_in_the_proto()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await _client.CheckAsync(new CheckRequest { Wgs84 = new Wgs84 { Lon = 5.4, Lat = 91 } }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var badRequest = error.GetRpcStatus()!.GetDetail<BadRequest>();
        var violation = Assert.Single(badRequest.FieldViolations);
        Assert.Equal("wgs84.lat", violation.Field);
        Assert.Contains("out of range", violation.Description);
    }

    [Fact]
    public async Task Missing_location_and_oversized_batches_are_refused()
    {
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await _client.CheckAsync(new CheckRequest { Id = "x" }));
        var empty = await Assert.ThrowsAsync<RpcException>(async () => await _client.CheckBatchAsync(new CheckBatchRequest()));
        var oversized = new CheckBatchRequest();
        oversized.Requests.AddRange(Enumerable.Range(0, 100_001).Select(i => Point(i.ToString(CultureInfo.InvariantCulture), 4.85, 45.75)));
        var tooMany = await Assert.ThrowsAsync<RpcException>(async () => await _client.CheckBatchAsync(oversized));

        Assert.Equal("location", missing.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations[0].Field);
        Assert.Contains("wgs84", missing.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations[0].Description);
        Assert.DoesNotContain("lon and lat", missing.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, empty.StatusCode);
        Assert.Contains("limit is 100000", tooMany.Status.Detail);
    }

    [Fact]
    public async Task A_batch_item_without_location_is_INVALID_in_the_protos_words()
    {
        var batch = new CheckBatchRequest();
        batch.Requests.Add(new CheckRequest { Id = "none" });
        var answer = Assert.Single((await _client.CheckBatchAsync(batch)).Responses);

        Assert.Equal(Status.Invalid, answer.Status);
        Assert.StartsWith("location: ", answer.Reason);
        Assert.Contains("wgs84", answer.Reason);
        Assert.Contains("lambert93", answer.Reason);
        Assert.DoesNotContain("lon and lat", answer.Reason);
    }

    [Fact]
    public async Task A_lean_batch_gives_the_same_answers_without_the_details()
    {
        var points = RealPoints.LyonSample(randomCount: 500, seed: 7);
        var batch = new CheckBatchRequest();
        batch.Requests.AddRange(points.Select((p, i) => Point(i.ToString(CultureInfo.InvariantCulture), p.Lon, p.Lat)));
        batch.Requests.Add(new CheckRequest { Id = "bad", Wgs84 = new Wgs84 { Lon = 5.4, Lat = 95 } });
        var full = (await _client.CheckBatchAsync(batch)).Responses;
        batch.Lean = true;
        var lean = (await _client.CheckBatchAsync(batch)).Responses;

        Assert.Equal(full.Count, lean.Count);
        for (var i = 0; i < full.Count; i++)
        {
            Assert.Equal((full[i].Id, full[i].Status, full[i].Quartier?.Code, full[i].DistanceM, full[i].NearestCode, full[i].Geography),
                (lean[i].Id, lean[i].Status, lean[i].Quartier?.Code, lean[i].DistanceM, lean[i].NearestCode, lean[i].Geography));
            Assert.True(lean[i].Status == Status.Invalid ? lean[i].Reason.Contains("out of range") : lean[i].Reason.Length == 0);
            Assert.True(lean[i].Quartier is null || (lean[i].Quartier.Name.Length == 0 && lean[i].Quartier.Communes.Count == 0));
        }
        Assert.Contains(lean, r => r.Status == Status.Inside);
    }

    [Fact]
    public async Task Health_is_served_for_the_server_and_by_the_service_name()
    {
        var health = new global::Grpc.Health.V1.Health.HealthClient(_channel);
        var reply = await health.CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest());
        var byName = await health.CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest { Service = "geographie.v1.Eligibility" });
        var unknown = await Assert.ThrowsAsync<RpcException>(async () =>
            await health.CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest { Service = "geographie.v1.Nothing" }));

        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, byName.Status);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task An_UNKNOWN_answer_names_the_geographies_loaded_here()
    {
        var (_, perimeter) = RealPoints.LyonPerimeters[0];
        var inside = perimeter.InteriorPoint.Coordinate;

        var answer = await _client.CheckAsync(new CheckRequest { Wgs84 = new Wgs84 { Lon = inside.X, Lat = inside.Y }, Geography = "qpv2024" });

        Assert.Equal(Status.Unknown, answer.Status);
        Assert.Equal(["qpv2015"], answer.LoadedGeographies);
        Assert.Equal("perimeters of qpv2015 are loaded here", answer.Hint);
        Assert.Null(answer.NearestLoaded);
        Assert.Null(answer.Quartier);
    }

    [Fact]
    public async Task Answers_and_errors_are_in_French_unless_the_metadata_asks_for_English()
    {
        var (code, perimeter) = RealPoints.LyonPerimeters[0];
        var inside = perimeter.InteriorPoint.Coordinate;
        using var french = GrpcChannel.ForAddress(_app.Factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = _app.Factory.Server.CreateHandler() });
        var client = new Geographie.Api.Grpc.V1.Eligibility.EligibilityClient(french);

        var inFrench = await client.CheckAsync(Point("a", inside.X, inside.Y));
        var inEnglish = await client.CheckAsync(Point("a", inside.X, inside.Y), new Metadata { { "accept-language", "en-GB, fr;q=0.5" } });
        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.CheckAsync(new CheckRequest { Wgs84 = new Wgs84 { Lon = 5.4, Lat = 91 } }));

        Assert.Equal((Status.Inside, code), (inFrench.Status, inFrench.Quartier.Code));
        Assert.Equal((Status.Inside, code), (inEnglish.Status, inEnglish.Quartier.Code));
        Assert.StartsWith($"dans {code} ", inFrench.Reason);
        Assert.StartsWith($"inside {code} ", inEnglish.Reason);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations);
        Assert.Equal("wgs84.lat", violation.Field);
        Assert.Contains("hors de l'intervalle", violation.Description);
        Assert.Contains("hors de l'intervalle", error.Status.Detail);
    }

    [Fact]
    public async Task Grpc_rest_json_rest_csv_stream_and_Lambert93_give_identical_answers_that_agree_with_PostGIS()
    {
        var points = RealPoints.LyonSample(randomCount: 2000, seed: 20240101);

        var batch = new CheckBatchRequest();
        batch.Requests.AddRange(points.Select((p, i) => Point(i.ToString(CultureInfo.InvariantCulture), p.Lon, p.Lat)));
        var grpc = (await _client.CheckBatchAsync(batch)).Responses;

        var toLambert = Wgs84ToLambert.FromWgs84();
        var lambertBatch = new CheckBatchRequest();
        lambertBatch.Requests.AddRange(points.Select((p, i) =>
        {
            var (x, y) = toLambert.Transform(p.Lon, p.Lat);
            return new CheckRequest { Id = i.ToString(CultureInfo.InvariantCulture), Lambert93 = new Lambert93 { X = x, Y = y }, Geography = "qpv2015", NearDistanceM = 200 };
        }));
        var lambert = (await _client.CheckBatchAsync(lambertBatch)).Responses;

        var json = await (await _app.Client.PostAsJsonAsync("/v1/eligibility/batch?geography=qpv2015&near_distance_m=200",
                points.Select((p, i) => new { id = i.ToString(CultureInfo.InvariantCulture), lon = p.Lon, lat = p.Lat })))
            .Content.ReadFromJsonAsync<JsonElement[]>();

        var csvBody = new StringBuilder("id,lon,lat\n");
        for (var i = 0; i < points.Count; i++)
        {
            csvBody.Append(CultureInfo.InvariantCulture, $"{i},{points[i].Lon:R},{points[i].Lat:R}\n");
        }
        var csvText = await (await _app.Client.PostAsync("/v1/eligibility/batch?geography=qpv2015&near_distance_m=200",
            new StringContent(csvBody.ToString(), Encoding.UTF8, "text/csv"))).Content.ReadAsStringAsync();
        using var csv = CsvRowReader.Open(new StringReader(csvText), out _);
        var csvRows = new List<IReadOnlyList<string>>();
        while (csv.ReadRow() is { } row)
        {
            csvRows.Add(row);
        }

        using var stream = _client.CheckStream();
        var streamed = new List<CheckResponse>();
        var reading = Task.Run(async () =>
        {
            await foreach (var answer in stream.ResponseStream.ReadAllAsync())
            {
                streamed.Add(answer);
            }
        });
        foreach (var request in batch.Requests.Take(300))
        {
            await stream.RequestStream.WriteAsync(request);
        }
        await stream.RequestStream.CompleteAsync();
        await reading;

        var postgis = await PostGisAnswers(points);

        Assert.Equal(points.Count, grpc.Count);
        Assert.Equal(points.Count, json!.Length);
        Assert.Equal(points.Count, csvRows.Count);
        Assert.Equal(batch.Requests.Take(300).Select(r => r.Id), streamed.Select(s => s.Id));
        var statuses = new HashSet<Status>();
        for (var i = 0; i < points.Count; i++)
        {
            var g = grpc[i];
            statuses.Add(g.Status);
            var code = g.Quartier?.Code ?? "";
            Assert.Equal(i.ToString(CultureInfo.InvariantCulture), g.Id);
            Assert.Equal(g.Status.ToString().ToUpperInvariant(), json[i].GetProperty("status").GetString());
            Assert.Equal(g.Status.ToString().ToUpperInvariant(), csvRows[i][3]);
            // A vertex of a perimeter is not exactly representable once converted to Lambert-93 and back (about 1e-9°):
            // within 1 mm of a boundary the two inputs may fall on either side; everywhere else they must agree.
            var onBoundary = g.HasDistanceM && g.DistanceM < 0.001;
            if (!onBoundary)
            {
                Assert.Equal(g.Status, lambert[i].Status);
            }
            Assert.Equal(code, json[i].GetProperty("quartier") is { ValueKind: JsonValueKind.Object } q ? q.GetProperty("code").GetString() : "");
            Assert.Equal(code, csvRows[i][6]);
            if (!onBoundary)
            {
                Assert.Equal(code, lambert[i].Quartier?.Code ?? "");
                Assert.Equal(g.NearestCode, lambert[i].NearestCode);
            }
            if (i < streamed.Count)
            {
                Assert.Equal(g, streamed[i]);
            }
            var (covers, distance) = postgis[i];
            Assert.True(covers == (g.Status == Status.Inside), $"point {i} {points[i]}: PostGIS covers={covers}, Geographie {g.Status} {g.Reason}");
            if (g.HasDistanceM)
            {
                Assert.InRange(Math.Abs(g.DistanceM - distance), 0, 0.01);
                Assert.InRange(Math.Abs(lambert[i].DistanceM - distance), 0, 0.01);
                Assert.Equal(g.DistanceM, json[i].GetProperty("distanceM").GetDouble(), 6);
            }
        }
        Assert.Contains(Status.Inside, statuses);
        Assert.Contains(Status.Near, statuses);
        Assert.Contains(Status.Unknown, statuses);
    }

    /// <summary>For each point: covered by a 2015 perimeter (ST_Covers), and the distance to the nearest boundary in Lambert-93.</summary>
    private async Task<List<(bool Covers, double Distance)>> PostGisAnswers(IReadOnlyList<(double Lon, double Lat)> points)
    {
        await using var command = _app.Database.DataSource.CreateCommand("""
            WITH p AS (
                SELECT ordinality AS i, ST_SetSRID(ST_MakePoint(lon, lat), 4326) AS geom
                FROM unnest(@lons::float8[], @lats::float8[]) WITH ORDINALITY AS t(lon, lat))
            SELECT p.i,
                   EXISTS (SELECT 1 FROM quartier q WHERE q.version = 'qpv2015' AND ST_Covers(q.perimeter, p.geom)),
                   (SELECT min(ST_Distance(ST_Boundary(ST_Transform(q.perimeter, 2154)), ST_Transform(p.geom, 2154)))
                    FROM quartier q WHERE q.version = 'qpv2015')
            FROM p ORDER BY p.i
            """);
        command.Parameters.Add(new NpgsqlParameter("lons", points.Select(p => p.Lon).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("lats", points.Select(p => p.Lat).ToArray()));
        var answers = new List<(bool, double)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            answers.Add((reader.GetBoolean(1), reader.GetDouble(2)));
        }
        return answers;
    }
}
