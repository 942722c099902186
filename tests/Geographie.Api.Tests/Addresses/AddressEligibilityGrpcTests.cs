using Geographie.Api.Grpc.V1;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Status = Geographie.Api.Grpc.V1.Status;

namespace Geographie.Api.Tests.Addresses;

/// <summary>The additive <c>address</c> member of the location oneof, over the shipped real BAL of Mont-Bonvillers.</summary>
public sealed class AddressEligibilityGrpcTests : IClassFixture<GeographieApp>, IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly Geographie.Api.Grpc.V1.Eligibility.EligibilityClient _client;

    public AddressEligibilityGrpcTests(GeographieApp app)
    {
        _channel = GrpcChannel.ForAddress(app.Factory.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = app.Factory.Server.CreateHandler() });
        _client = new Geographie.Api.Grpc.V1.Eligibility.EligibilityClient(_channel);
    }

    public void Dispose() => _channel.Dispose();

    [Fact]
    public async Task An_address_is_answered_with_what_was_matched()
    {
        var answer = await _client.CheckAsync(new CheckRequest { Id = "a", Address = new Address { Text = "1 rue Joffre 54111 Mont-Bonvillers" } });
        Assert.Equal(Status.Unknown, answer.Status);
        Assert.Equal(("1 Rue Joffre Mont-Bonvillers", "54084_0200_00001", 1.0, "housenumber", 5.833622, 49.322203),
            (answer.Address.Label, answer.Address.Id, answer.Address.Score, answer.Address.MatchType, answer.Address.Lon, answer.Address.Lat));
    }

    [Fact]
    public async Task Structured_and_free_text_agree_and_a_batch_answers_each_in_order()
    {
        var batch = new CheckBatchRequest
        {
            Requests =
            {
                new CheckRequest { Id = "text", Address = new Address { Text = "19 bis rue de la Republique Mont-Bonvillers" } },
                new CheckRequest { Id = "fields", Address = new Address { Numero = "19 b", Voie = "Rue de la République", Citycode = "54084" } },
                new CheckRequest { Id = "unknown", Address = new Address { Text = "12 avenue des Champs-Elysees" } },
            },
        };
        var answers = (await _client.CheckBatchAsync(batch)).Responses;
        Assert.Equal(answers[0].Address.Id, answers[1].Address.Id);
        Assert.Equal(Status.Invalid, answers[2].Status);
        // French by default on gRPC too (no accept-language metadata).
        Assert.Equal("address: aucune voie connue ne correspond à 'avenue des champs elysees'", answers[2].Reason);
        Assert.Null(answers[2].Address);
    }

    [Fact]
    public async Task An_unreadable_address_is_INVALID_ARGUMENT_on_the_address_field()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await _client.CheckAsync(new CheckRequest { Address = new Address { Voie = "rue Joffre", CodePostal = "5411" } }));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations);
        Assert.Equal("address", violation.Field);
        Assert.Equal("code_postal '5411' n'est pas un code postal français (5 chiffres)", violation.Description);
    }
}
