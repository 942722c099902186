using Geographie.Api.Hosting;
using Microsoft.AspNetCore.Http.Features;

namespace Geographie.Api.Grpc;

/// <summary>
/// Raises Kestrel's request body limit (30,000,000 bytes by default, for every request) to what a gRPC call may
/// carry: one message of <see cref="GeographieOptions.MaxGrpcMessageBytes"/> plus its 5-byte frame header. Without
/// it a unary message between 30 MB and the documented limit failed with UNKNOWN. A larger message is then refused
/// by grpc-dotnet from its length prefix with RESOURCE_EXHAUSTED, before its bytes are read. (Streaming calls have
/// no body limit: grpc-dotnet lifts it and bounds each message instead.)
/// </summary>
public static class GrpcBodyLimit
{
    /// <summary>Adds the limit to the pipeline.</summary>
    public static IApplicationBuilder UseGrpcBodyLimit(this IApplicationBuilder app, GeographieOptions options) => app.Use((context, next) =>
    {
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true
            && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = options.MaxGrpcMessageBytes + 5L;
        }
        return next(context);
    });
}
