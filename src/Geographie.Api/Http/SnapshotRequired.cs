using Geographie.Api.Data;
using Geographie.Api.Texts;
using Geographie.Domain.Snapshots;
using Geographie.Domain.Texts;

namespace Geographie.Api.Http;

/// <summary>
/// The guard of every route that answers from the snapshot: before the first load the route does not run and the
/// caller gets 503 problem details (<see cref="EdgeText.NotLoaded"/>, in the request's language, see
/// <see cref="RequestLanguage"/>). Once loaded, the route reads the snapshot the guard saw through
/// <see cref="LoadedSnapshot"/>, so a reload in between cannot give one request two revisions.
/// </summary>
public static class SnapshotRequired
{
    // A private object as the key: no other code can read or overwrite the entry.
    private static readonly object Key = new();

    /// <summary>Guards every route of <paramref name="builder"/> (a group or one route).</summary>
    public static TBuilder RequireSnapshot<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(static (invocation, next) =>
        {
            var context = invocation.HttpContext;
            if (context.RequestServices.GetRequiredService<GeographyState>().Current is not { } snapshot)
            {
                return ValueTask.FromResult<object?>(NotLoaded(RequestLanguage.Of(context.Request)));
            }
            context.Items[Key] = snapshot;
            return next(invocation);
        });

    /// <summary>
    /// The snapshot of a request on a route guarded by <see cref="RequireSnapshot{TBuilder}"/>. Throws
    /// <see cref="InvalidOperationException"/> on a route without the guard: that is a mapping mistake, not a state.
    /// </summary>
    public static GeographySnapshot LoadedSnapshot(this HttpContext context) =>
        context.Items[Key] as GeographySnapshot
            ?? throw new InvalidOperationException($"{context.Request.Path} reads the snapshot without {nameof(RequireSnapshot)}.");

    /// <summary>The 503 of a request that arrives before the data is loaded, in <paramref name="language"/>.</summary>
    private static IResult NotLoaded(Language language) =>
        TypedResults.Problem(language.Say(EdgeText.NotLoaded), statusCode: StatusCodes.Status503ServiceUnavailable, title: language.Say(EdgeText.NotLoadedTitle));
}
