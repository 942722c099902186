using Geographie.Api.Grpc.V1;
using Geographie.Api.Tests.Eligibility;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Status = Geographie.Api.Grpc.V1.Status;

namespace Geographie.Api.Tests.InMemory;

/// <summary>gRPC over the file-built snapshot, through the test server's handler (no port, no PostGIS).</summary>
public sealed class InMemoryGrpcTests : IClassFixture<FileBackedApp>, IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly Geographie.Api.Grpc.V1.Eligibility.EligibilityClient _client;

    public InMemoryGrpcTests(FileBackedApp app)
    {
        _channel = GrpcChannel.ForAddress(app.Factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = new AcceptEnglish(app.Factory.Server.CreateHandler()) });
        _client = new Geographie.Api.Grpc.V1.Eligibility.EligibilityClient(_channel);
    }

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task A_batch_answers_every_Lyon_interior_point_inside_its_quartier_in_order()
    {
        var batch = new CheckBatchRequest();
        batch.Requests.AddRange(RealPoints.LyonPerimeters.Select(p => new CheckRequest
        {
            Id = p.Code,
            Wgs84 = new Wgs84 { Lon = p.Perimeter.InteriorPoint.X, Lat = p.Perimeter.InteriorPoint.Y },
            Geography = "qpv2015",
        }));

        var answer = await _client.CheckBatchAsync(batch);

        Assert.Equal(RealPoints.LyonPerimeters.Select(p => p.Code), answer.Responses.Select(r => r.Id));
        Assert.All(answer.Responses, r => Assert.Equal(Status.Inside, r.Status));
        Assert.All(answer.Responses, r => Assert.Equal(r.Id, r.Quartier.Code));
    }

    [Fact]
    public async Task A_bad_point_is_INVALID_ARGUMENT_with_a_field_violation()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await _client.CheckAsync(new CheckRequest { Wgs84 = new Wgs84 { Lon = 5.4, Lat = 91 } }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("wgs84.lat", Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
    }
}
