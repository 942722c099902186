using Google.Protobuf;
using Grpc.Core;

namespace Geographie.Api.Grpc;

/// <summary>
/// rpc CheckBatch with its own marshallers: the wire format is proto v1's <c>CheckBatchRequest</c> and
/// <c>CheckBatchResponse</c>, unchanged, but read by <see cref="BatchRequestReader"/> and written by
/// <see cref="BatchResponseWriter"/> instead of through a message object per point. A request that is not valid
/// protobuf fails with INVALID_ARGUMENT, as every method of <see cref="EligibilityMethodProvider"/> does.
/// </summary>
internal static class CheckBatchMethod
{
    /// <summary>The method, named as the generated <paramref name="generated"/> is.</summary>
    public static Method<BatchRequests, BatchAnswers> Create(IMethod generated) =>
        new(MethodType.Unary, generated.ServiceName, generated.Name,
            Marshallers.Create<BatchRequests>(
                (_, _) => throw new NotSupportedException("the service reads CheckBatch requests; it does not send them"),
                context => Read(context, generated.FullName)),
            Marshallers.Create<BatchAnswers>(
                Write,
                _ => throw new NotSupportedException("the service writes CheckBatch responses; it does not read them")));

    private static BatchRequests Read(DeserializationContext context, string method)
    {
        try
        {
            return BatchRequestReader.Read(context.PayloadAsReadOnlySequence());
        }
        catch (Exception e) when (e is InvalidDataException or InvalidProtocolBufferException)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"the request is not a valid {method} request message: {e.Message}"));
        }
    }

    private static void Write(BatchAnswers answers, SerializationContext context)
    {
        BatchResponseWriter.Write(answers, length =>
        {
            context.SetPayloadLength(length);
            return context.GetBufferWriter();
        });
        context.Complete();
    }
}
