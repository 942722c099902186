using System.Globalization;
using Geographie.Api.Grpc.V1;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Status = Geographie.Api.Grpc.V1.Status;
using Wgs84ToLambert = Geographie.Import.Projection.Lambert93;

namespace Geographie.Api.Tests.Eligibility;

/// <summary>rpc CheckColumns against CheckBatch on real Lyon points, and its refusals.</summary>
public sealed class ColumnarGrpcTests : IClassFixture<GeographieApp>, IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly Geographie.Api.Grpc.V1.Eligibility.EligibilityClient _client;

    public ColumnarGrpcTests(GeographieApp app)
    {
        _channel = GrpcChannel.ForAddress(app.Factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = new AcceptEnglish(app.Factory.Server.CreateHandler()) });
        _client = new Geographie.Api.Grpc.V1.Eligibility.EligibilityClient(_channel);
    }

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task Columns_give_the_answers_of_CheckBatch_in_WGS84_and_Lambert93()
    {
        var points = RealPoints.LyonSample(randomCount: 2000, seed: 20261202);
        var batch = new CheckBatchRequest { Lean = true };
        batch.Requests.AddRange(points.Select((p, i) => new CheckRequest
        {
            Id = i.ToString(CultureInfo.InvariantCulture), Wgs84 = new Wgs84 { Lon = p.Lon, Lat = p.Lat }, Geography = "qpv2015", NearDistanceM = 200,
        }));
        // A point outside France: INVALID in both, with the same reason.
        batch.Requests.Add(new CheckRequest { Id = "far", Wgs84 = new Wgs84 { Lon = -70, Lat = 45 }, Geography = "qpv2015", NearDistanceM = 200 });
        var expected = (await _client.CheckBatchAsync(batch)).Responses;

        var wgs84 = new CheckColumnsRequest { Geography = "qpv2015", NearDistanceM = 200 };
        wgs84.Lon.AddRange(points.Select(p => p.Lon).Append(-70));
        wgs84.Lat.AddRange(points.Select(p => p.Lat).Append(45));
        var toLambert = Wgs84ToLambert.FromWgs84();
        var lambert = new CheckColumnsRequest { Geography = "qpv2015", NearDistanceM = 200 };
        var lambertBatch = new CheckBatchRequest { Lean = true };
        foreach (var (lon, lat) in points)
        {
            var (x, y) = toLambert.Transform(lon, lat);
            lambert.X.Add(x);
            lambert.Y.Add(y);
            lambertBatch.Requests.Add(new CheckRequest { Lambert93 = new Lambert93 { X = x, Y = y }, Geography = "qpv2015", NearDistanceM = 200 });
        }

        var lambertExpected = (await _client.CheckBatchAsync(lambertBatch)).Responses;

        var columns = await _client.CheckColumnsAsync(wgs84);
        var lambertColumns = await _client.CheckColumnsAsync(lambert);

        Assert.Equal(expected.Count, columns.Statuses.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(Row(expected[i]), Row(columns, i));
        }

        var far = Assert.Single(columns.Invalid);
        Assert.Equal((uint)points.Count, far.Index);
        Assert.Equal(expected[^1].Reason, far.Reason);
        Assert.Equal(columns.QuartierCodes.Count, columns.QuartierCodes.Distinct().Count());

        Assert.Equal(points.Count, lambertColumns.Statuses.Count);
        for (var i = 0; i < points.Count; i++)
        {
            Assert.Equal(Row(lambertExpected[i]), Row(lambertColumns, i));
        }

        Assert.Contains(columns.Statuses, s => s == Status.Inside);
        Assert.Contains(columns.Statuses, s => s == Status.Near);
    }

    [Fact]
    public async Task Unpaired_not_finite_mixed_empty_and_oversized_columns_are_INVALID_ARGUMENT()
    {
        var unpaired = new CheckColumnsRequest();
        unpaired.Lon.AddRange([4.85, 4.86]);
        unpaired.Lat.Add(45.75);
        var nan = new CheckColumnsRequest();
        nan.Lon.AddRange([4.85, 4.86]);
        nan.Lat.AddRange([45.75, double.NaN]);
        var mixed = new CheckColumnsRequest();
        mixed.Lon.Add(4.85);
        mixed.Lat.Add(45.75);
        mixed.X.Add(842_000);
        mixed.Y.Add(6_519_000);
        var tooMany = new CheckColumnsRequest();
        tooMany.Lon.AddRange(Enumerable.Repeat(4.85, 100_001));
        tooMany.Lat.AddRange(Enumerable.Repeat(45.75, 100_001));
        var badGeography = new CheckColumnsRequest { Geography = "qpv1996" };
        badGeography.Lon.Add(4.85);
        badGeography.Lat.Add(45.75);

        Assert.Equal(("lat", "holds 2 values"), await Refusal(unpaired, "holds 2 values"));
        Assert.Equal(("lat", "lat[1] is not a finite number"), await Refusal(nan, "lat[1] is not a finite number"));
        Assert.Equal(("location", "not both"), await Refusal(mixed, "not both"));
        Assert.Equal(("location", "no points"), await Refusal(new CheckColumnsRequest(), "no points"));
        Assert.Equal(("lon", "the limit is 100000"), await Refusal(tooMany, "the limit is 100000"));
        Assert.Equal(("geography", "unknown geography 'qpv1996'"), await Refusal(badGeography, "unknown geography 'qpv1996'"));
    }

    private async Task<(string Field, string Fragment)> Refusal(CheckColumnsRequest request, string fragment)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await _client.CheckColumnsAsync(request));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(fragment, error.Status.Detail);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations);
        return (violation.Field, violation.Description.Contains(fragment, StringComparison.Ordinal) ? fragment : violation.Description);
    }

    private static (Status Status, string? Quartier, string? Nearest, double? Distance, string Geography) Row(CheckResponse r) =>
        (r.Status, r.Quartier?.Code, r.NearestCode.Length > 0 ? r.NearestCode : null, r.HasDistanceM ? r.DistanceM : null, r.Geography);

    private static (Status Status, string? Quartier, string? Nearest, double? Distance, string Geography) Row(CheckColumnsResponse r, int i) =>
        (r.Statuses[i],
         r.Quartiers[i] == 0 ? null : r.QuartierCodes[(int)r.Quartiers[i] - 1],
         r.Nearest[i] == 0 ? null : r.QuartierCodes[(int)r.Nearest[i] - 1],
         double.IsNaN(r.DistancesM[i]) ? null : r.DistancesM[i],
         r.Geographies[i] == 0 ? string.Empty : r.GeographyCodes[(int)r.Geographies[i] - 1]);
}
