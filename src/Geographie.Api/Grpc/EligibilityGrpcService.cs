using System.Buffers;
using Geographie.Addresses;
using Geographie.Api.Addresses;
using Geographie.Api.Data;
using Geographie.Api.Grpc.V1;
using Geographie.Api.Hosting;
using Geographie.Api.Texts;
using Geographie.Domain.Eligibility;
using Geographie.Domain.Snapshots;
using Geographie.Domain.Texts;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Geographie.Api.Grpc;

/// <summary>
/// gRPC adapter of <see cref="EligibilityChecker"/>. Errors: INVALID_ARGUMENT with google.rpc.BadRequest field
/// violations (a bad single point, an empty or oversized batch); UNAVAILABLE before the data is loaded. Bound to
/// the proto's methods by <see cref="EligibilityMethodProvider"/> (not by deriving from the generated base), so that
/// an unreadable request message is INVALID_ARGUMENT rather than UNKNOWN. Texts are in French, or in English when the
/// <c>accept-language</c> metadata asks; field violations name the proto's fields (<c>wgs84.lon</c>, <c>lambert93</c>…).
/// </summary>
public sealed class EligibilityGrpcService(
    GeographyState state, EligibilityChecker checker, IOptions<GeographieOptions> options, Observability.GeographieMetrics metrics,
    IGeocoder geocoder, IOptions<GeocoderOptions> geocoding)
{
    /// <summary>rpc Check: one point, or one address (an address that matches nothing is answered INVALID).</summary>
    public async Task<CheckResponse> Check(CheckRequest request, ServerCallContext context)
    {
        var language = RequestLanguage.Of(context);
        var located = await AddressStep.GeocodeAsync(geocoder, request.ToAddressQuery(), context.CancellationToken);
        var snapshot = Snapshot(language);
        // An address that matched nothing is answered INVALID as it is: there is no point to validate.
        var unmatched = AddressStep.Unmatched(located, language);
        RequestValidator.Resolved resolved = default;
        var problem = request.ToDomain(out var domain)
            ?? AddressStep.Apply(located, ref domain, geocoding.Value.Threshold, checker.Limits.MaxBandM)
            ?? (unmatched is null ? RequestValidator.TryResolve(domain, checker.Limits, out resolved) : null);
        if (problem is not null)
        {
            var (field, message) = GrpcMapping.InProtoWords(problem, language);
            throw InvalidArgument(message, (field, message));
        }
        var result = unmatched ?? checker.Check(snapshot, resolved, language);
        return Decorate(result.ToProto(request.Id, request.IncludeContrat ? snapshot.Contrat : null), located);
    }

    /// <summary>
    /// rpc CheckBatch: up to MaxBatch points, answered in order. Takes ownership of <paramref name="request"/>: the answers
    /// returned hold it (their ids are its bytes) until <see cref="BatchResponseWriter"/> has written them.
    /// </summary>
    public async Task<BatchAnswers> CheckBatch(BatchRequests request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = RequestLanguage.Of(context);
        var count = request.Count;
        GeographySnapshot snapshot;
        try
        {
            snapshot = Snapshot(language);
            var max = options.Value.MaxBatch;
            if (count == 0 || count > max)
            {
                var message = count == 0 ? language.Say(EdgeText.GrpcBatchEmpty) : language.Say(EdgeText.GrpcBatchTooLarge, count, max);
                throw InvalidArgument(message, ("requests", message));
            }
        }
        catch
        {
            request.Dispose();
            throw;
        }
        // A batch's working arrays are large-object-heap sized (80 bytes a result): pooled, not collected each call.
        var answers = new BatchAnswers(request, snapshot, ArrayPool<EligibilityResult>.Shared.Rent(count), ArrayPool<AddressAnswer?>.Shared.Rent(count));
        try
        {
            metrics.RecordBatch("grpc", count);
            // Addresses are geocoded first, all in one call (an external geocoder sends CSV batches); then the loop.
            await AddressStep.GeocodeAllAsync(geocoder, count,
                i => request[i].Location == CheckRequest.LocationOneofCase.Address ? request[i].Address.ToAddressQuery() : null, answers.LocatedArray, context.CancellationToken);
            EligibilityBatch.Check(snapshot, checker, new Points(request, answers.LocatedArray, geocoding.Value.Threshold, checker.Limits.MaxBandM, language),
                0, answers.ResultsArray, count, language, context.CancellationToken, GrpcMapping.ReasonInProtoWords);
            return answers;
        }
        catch
        {
            answers.Dispose();
            throw;
        }
    }

    /// <summary>rpc CheckColumns: up to MaxBatch points as packed columns, answered in order (see <see cref="ColumnarCheck"/>).</summary>
    public Task<CheckColumnsResponse> CheckColumns(CheckColumnsRequest request, ServerCallContext context)
    {
        var language = RequestLanguage.Of(context);
        var snapshot = Snapshot(language);
        if (ColumnarCheck.Problem(request, checker.Limits, options.Value.MaxBatch, language) is { } problem)
        {
            throw InvalidArgument(problem.Message, (problem.Field, problem.Message));
        }
        var response = ColumnarCheck.Answer(snapshot, checker, request, language);
        metrics.RecordBatch("grpc", response.Statuses.Count);
        return Task.FromResult(response);
    }

    /// <summary>rpc CheckStream: one answer per request, in order.</summary>
    public async Task CheckStream(IAsyncStreamReader<CheckRequest> requestStream, IServerStreamWriter<CheckResponse> responseStream, ServerCallContext context)
    {
        var language = RequestLanguage.Of(context);
        try
        {
            await foreach (var item in requestStream.ReadAllAsync(context.CancellationToken))
            {
                // Each answer uses the snapshot current when its request arrives: a long stream follows data updates.
                var snapshot = Snapshot(language);
                var located = await AddressStep.GeocodeAsync(geocoder, item.ToAddressQuery(), context.CancellationToken);
                var point = Read(item.ToDomain(out var domain), domain, located, geocoding.Value.Threshold, checker.Limits.MaxBandM, language);
                var result = EligibilityBatch.CheckOne(snapshot, checker, point, language, GrpcMapping.ReasonInProtoWords);
                await responseStream.WriteAsync(Decorate(result.ToProto(item.Id, item.IncludeContrat ? snapshot.Contrat : null), located), context.CancellationToken);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !context.CancellationToken.IsCancellationRequested)
        {
            // A frame grpc-dotnet cannot read (cut, unknown compressed flag, a length of 2 GiB or more) is the
            // caller's fault, not the service's: INTERNAL as gRPC's framing errors are, not UNKNOWN.
            throw new RpcException(new global::Grpc.Core.Status(StatusCode.Internal, language.Say(EdgeText.GrpcStreamUnreadable, e.Message)));
        }
    }

    // One request as the batch loop reads it: parsed, at its address's point when it gave one.
    private static BatchPoint Read(RequestProblem? problem, in EligibilityRequest domain, AddressAnswer? located, double threshold, double maxBandM, Language language)
    {
        var request = domain;
        problem ??= AddressStep.Apply(located, ref request, threshold, maxBandM);
        return new BatchPoint(request, problem, problem is null ? AddressStep.Unmatched(located, language) : null);
    }

    private static CheckResponse Decorate(CheckResponse response, Geographie.Addresses.AddressAnswer? located)
    {
        if (AddressStep.Matched(located) is { } matched)
        {
            response.Address = matched.ToProto();
        }
        return response;
    }

    private GeographySnapshot Snapshot(Language language) =>
        state.Current ?? throw new RpcException(new global::Grpc.Core.Status(StatusCode.Unavailable, language.Say(EdgeText.NotLoaded)));

    private static RpcException InvalidArgument(string message, params (string Field, string Description)[] violations)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        return new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = message,
            Details = { Any.Pack(badRequest) },
        }.ToRpcException();
    }

    // The requests of a CheckBatch as the batch loop reads them.
    private readonly struct Points(BatchRequests items, AddressAnswer?[] located, double threshold, double maxBandM, Language language) : IBatchPoints
    {
        public BatchPoint Read(int index) =>
            EligibilityGrpcService.Read(items[index].ToDomain(out var domain), domain, located[index], threshold, maxBandM, language);
    }
}
