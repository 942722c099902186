using Geographie.Api.Texts;

namespace Geographie.Api.Hosting;

/// <summary>
/// Keeps each listener to its own protocol: the gRPC port (<see cref="GeographieOptions.GrpcUrl"/>) answers gRPC
/// calls only, and the REST port (<see cref="GeographieOptions.RestUrl"/>) never answers gRPC. Anything else gets 404
/// problem details naming the right port, so a firewall rule or a proxy route for one port exposes only what it says.
/// Requests from another listener (the in-memory test host has none) pass through.
/// </summary>
public static class ListenerSeparation
{
    /// <summary>Adds the check to the pipeline.</summary>
    public static IApplicationBuilder UseListenerSeparation(this IApplicationBuilder app, GeographieOptions options)
    {
        var restPort = new Uri(options.RestUrl).Port;
        var grpcPort = new Uri(options.GrpcUrl).Port;
        return app.Use(async (context, next) =>
        {
            var port = context.Connection.LocalPort;
            var grpc = context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
            if ((port == grpcPort && !grpc) || (port == restPort && grpc && restPort != grpcPort))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status404NotFound,
                        Title = RequestLanguage.Of(context.Request).Say(EdgeText.WrongPortTitle),
                        Detail = grpc
                            ? RequestLanguage.Of(context.Request).Say(EdgeText.WrongPortRest, grpcPort)
                            : RequestLanguage.Of(context.Request).Say(EdgeText.WrongPortGrpc, restPort),
                    },
                });
                return;
            }
            await next(context);
        });
    }
}
