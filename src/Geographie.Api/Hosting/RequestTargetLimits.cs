using Geographie.Api.Texts;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Geographie.Api.Hosting;

/// <summary>
/// Limits on the request line and headers, answered with problem details. Kestrel answers a request beyond its own
/// limits before any application code runs, with an empty body; so its limits are set at twice ours, and ours answer
/// first: a request target longer than <see cref="MaxTargetChars"/> gets 414, headers larger than
/// <see cref="MaxHeaderBytes"/> get 431. Only beyond Kestrel's limits does a bare 414 or 431 remain.
/// </summary>
public static class RequestTargetLimits
{
    /// <summary>Longest request target (path and query string) answered.</summary>
    public const int MaxTargetChars = 8 * 1024;

    /// <summary>Largest total of header names and values answered.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>Sets Kestrel's limits above ours.</summary>
    public static void Configure(KestrelServerLimits limits)
    {
        limits.MaxRequestLineSize = 2 * MaxTargetChars;
        limits.MaxRequestHeadersTotalSize = 2 * MaxHeaderBytes;
    }

    /// <summary>Adds the checks to the pipeline.</summary>
    public static IApplicationBuilder UseRequestTargetLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? string.Empty;
        var headerBytes = 0L;
        foreach (var (name, values) in context.Request.Headers)
        {
            headerBytes += name.Length + values.Sum(v => v?.Length ?? 0);
        }
        var language = RequestLanguage.Of(context.Request);
        var (status, detail) = target.Length > MaxTargetChars
            ? (StatusCodes.Status414UriTooLong, language.Say(EdgeText.TargetTooLong, target.Length, MaxTargetChars))
            : headerBytes > MaxHeaderBytes
                ? (StatusCodes.Status431RequestHeaderFieldsTooLarge, language.Say(EdgeText.HeadersTooLarge, headerBytes, MaxHeaderBytes))
                : (0, null);
        if (detail is null)
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Detail = detail },
        });
    });
}
