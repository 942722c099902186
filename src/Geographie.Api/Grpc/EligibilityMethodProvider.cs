using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace Geographie.Api.Grpc;

/// <summary>
/// Binds the methods of <c>geographie.v1.Eligibility</c> to <see cref="EligibilityGrpcService"/> as the generated
/// binder would, with one difference: a request that is not valid protobuf (stray bytes, a truncated varint, groups
/// nested too deep) fails with INVALID_ARGUMENT, logged at Information, instead of grpc-dotnet's UNKNOWN with an
/// Error-level stack trace, which it gives to any exception thrown while reading a message. CheckBatch is bound with
/// its own marshallers (<see cref="CheckBatchMethod"/>): the same bytes on the wire, no message object per point.
/// </summary>
internal sealed class EligibilityMethodProvider : IServiceMethodProvider<EligibilityGrpcService>
{
    /// <inheritdoc />
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<EligibilityGrpcService> context) =>
        V1.Eligibility.BindService(new Binder(context), null);

    private sealed class Binder(ServiceMethodProviderContext<EligibilityGrpcService> context) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            if (method.Name == nameof(EligibilityGrpcService.CheckBatch))
            {
                context.AddUnaryMethod(CheckBatchMethod.Create(method), Metadata(), (service, request, call) => service.CheckBatch(request, call));
                return;
            }
            context.AddUnaryMethod(Guarded(method), Metadata(), Invoker<UnaryServerMethod<EligibilityGrpcService, TRequest, TResponse>>(method));
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddDuplexStreamingMethod(Guarded(method), Metadata(), Invoker<DuplexStreamingServerMethod<EligibilityGrpcService, TRequest, TResponse>>(method));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddServerStreamingMethod(Guarded(method), Metadata(), Invoker<ServerStreamingServerMethod<EligibilityGrpcService, TRequest, TResponse>>(method));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddClientStreamingMethod(Guarded(method), Metadata(), Invoker<ClientStreamingServerMethod<EligibilityGrpcService, TRequest, TResponse>>(method));

        // gRPC calls are POSTs; CORS preflights are let through as the generated binder does.
        private static List<object> Metadata() => [new HttpMethodMetadata(["POST"], acceptCorsPreflight: true)];

        // The service's public method of the same name, called on the per-call service instance.
        private static TDelegate Invoker<TDelegate>(IMethod method) where TDelegate : Delegate =>
            (TDelegate)Delegate.CreateDelegate(typeof(TDelegate), typeof(EligibilityGrpcService).GetMethod(method.Name)
                ?? throw new InvalidOperationException($"EligibilityGrpcService has no method {method.Name}"));

        private static Method<TRequest, TResponse> Guarded<TRequest, TResponse>(Method<TRequest, TResponse> method)
        {
            var inner = method.RequestMarshaller.ContextualDeserializer;
            var requests = Marshallers.Create(method.RequestMarshaller.ContextualSerializer, context =>
            {
                try
                {
                    return inner(context);
                }
                catch (InvalidProtocolBufferException e)
                {
                    throw new RpcException(new Status(StatusCode.InvalidArgument, $"the request is not a valid {method.FullName} request message: {e.Message}"));
                }
            });
            return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, requests, method.ResponseMarshaller);
        }
    }
}
