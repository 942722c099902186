using System.Net.Http.Headers;

namespace Geographie.Api.Tests;

/// <summary>
/// Asks for English answers (<c>Accept-Language: en</c>) on every request that names no language itself: the
/// service answers in French by default, and the shared clients' tests assert the English texts.
/// </summary>
public sealed class AcceptEnglish : DelegatingHandler
{
    /// <summary>A handler over <paramref name="inner"/>.</summary>
    public AcceptEnglish(HttpMessageHandler inner) : base(inner)
    {
    }

    /// <summary>Sets the header on <paramref name="client"/> (for clients the tests do not build from a handler).</summary>
    public static HttpClient On(HttpClient client)
    {
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        return client;
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.AcceptLanguage.Count == 0)
        {
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        }
        return base.SendAsync(request, cancellationToken);
    }
}
