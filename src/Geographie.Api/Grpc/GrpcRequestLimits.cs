using System.Buffers;
using System.Buffers.Binary;
using Geographie.Api.Hosting;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;

namespace Geographie.Api.Grpc;

/// <summary>
/// What a gRPC request may carry, enforced before grpc-dotnet reads it:
/// <list type="bullet">
/// <item>Kestrel's request body limit (30,000,000 bytes by default, for every request) is raised to one message of
/// <see cref="GeographieOptions.MaxGrpcMessageBytes"/> plus its 5-byte frame header; without it a unary message
/// between 30 MB and the documented limit failed with UNKNOWN. (Streaming calls have no body limit: grpc-dotnet
/// lifts it and bounds each message instead.)</item>
/// <item>The frame header of a unary call is checked: a length beyond the limit is RESOURCE_EXHAUSTED and a
/// compressed flag other than 0 or 1 is INTERNAL, answered here, because grpc-dotnet throws a plain exception for
/// lengths of 2 GiB and more and for unknown flags, which it answers UNKNOWN with an Error-level log.</item>
/// </list>
/// </summary>
public static class GrpcRequestLimits
{
    /// <summary>Adds the limits to the pipeline (after routing, which tells unary calls from streams).</summary>
    public static IApplicationBuilder UseGrpcRequestLimits(this IApplicationBuilder app, GeographieOptions options) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) != true)
        {
            await next(context);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = options.MaxGrpcMessageBytes + 5L;
        }
        var unary = context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.Type == MethodType.Unary;
        if (unary && await FrameProblemAsync(context, options.MaxGrpcMessageBytes) is { } problem)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = ((int)problem.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers["grpc-message"] = problem.Detail;
            return;
        }
        await next(context);
    });

    // Looks at the 5-byte frame header without consuming it; null when it is acceptable or not there (grpc-dotnet
    // answers a missing or cut frame itself, with INTERNAL).
    private static async Task<global::Grpc.Core.Status?> FrameProblemAsync(HttpContext context, int maxMessageBytes)
    {
        var reader = context.Request.BodyReader;
        var read = await reader.ReadAtLeastAsync(5, context.RequestAborted);
        var buffer = read.Buffer;
        try
        {
            if (buffer.Length < 5)
            {
                return null;
            }
            Span<byte> header = stackalloc byte[5];
            buffer.Slice(0, 5).CopyTo(header);
            var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
            return header[0] > 1
                ? new global::Grpc.Core.Status(StatusCode.Internal, $"the frame's compressed flag is {header[0]}; it must be 0 or 1")
                : length > maxMessageBytes
                    ? new global::Grpc.Core.Status(StatusCode.ResourceExhausted, $"the message is {length} bytes; the limit is {maxMessageBytes}")
                    : null;
        }
        finally
        {
            reader.AdvanceTo(buffer.Start);
        }
    }
}
