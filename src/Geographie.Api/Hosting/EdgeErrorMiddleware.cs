using Geographie.Api.Texts;

namespace Geographie.Api.Hosting;

/// <summary>
/// The last line between an exception and the wire, outermost in the pipeline. A client that went away is logged
/// at Information without a stack (it is not a fault of the service); a request the server could not read (body
/// cut, too large, too slow: <see cref="BadHttpRequestException"/>) gets problem details with its own 4xx status;
/// anything else is a bug, logged at Error with its stack and answered 500 without internal names. Once an answer
/// has started, its status can no longer change: the connection is aborted so the client sees it incomplete.
/// </summary>
internal sealed partial class EdgeErrorMiddleware(RequestDelegate next, IProblemDetailsService problems, ILogger<EdgeErrorMiddleware> logger)
{
    /// <summary>Runs the rest of the pipeline under the guard.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (context.RequestAborted.IsCancellationRequested)
        {
            ClientWentAway(logger, context.Request.Method, context.Request.Path, e.GetType().Name);
        }
        catch (BadHttpRequestException e)
        {
            UnreadableRequest(logger, context.Request.Method, context.Request.Path, e.StatusCode, e.Message);
            await AnswerAsync(context, e.StatusCode, RequestLanguage.Of(context.Request).Say(EdgeText.RequestCut, e.StatusCode));
        }
        catch (Exception e)
        {
            Failed(logger, context.Request.Method, context.Request.Path, e);
            await AnswerAsync(context, StatusCodes.Status500InternalServerError, RequestLanguage.Of(context.Request).Say(EdgeText.ServiceFailed));
        }
    }

    private async Task AnswerAsync(HttpContext context, int status, string detail)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }
        context.Response.Clear();
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path}: the client went away ({Exception})")]
    private static partial void ClientWentAway(ILogger logger, string method, PathString path, string exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path}: the request could not be read, answered {Status}: {Reason}")]
    private static partial void UnreadableRequest(ILogger logger, string method, PathString path, int status, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void Failed(ILogger logger, string method, PathString path, Exception exception);
}
