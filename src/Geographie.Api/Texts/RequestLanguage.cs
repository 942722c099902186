using Geographie.Domain.Texts;
using Microsoft.Net.Http.Headers;

namespace Geographie.Api.Texts;

/// <summary>
/// The language a caller asks answers in: REST's <c>?lang=fr|en</c>, else the <c>Accept-Language</c> header (REST) or
/// <c>accept-language</c> metadata (gRPC), its first language by quality that is French or English; French when
/// nothing names either. An unknown <c>lang</c> value is a preference not met, not an error: the header then decides.
/// </summary>
public static class RequestLanguage
{
    /// <summary>The language of a REST request.</summary>
    public static Language Of(HttpRequest request) =>
        Named(request.Query["lang"].ToString()) ?? FromAcceptLanguage(request.Headers.AcceptLanguage.ToString());

    /// <summary>The language of a gRPC call.</summary>
    public static Language Of(global::Grpc.Core.ServerCallContext context) =>
        FromAcceptLanguage(context.RequestHeaders.GetValue("accept-language"));

    /// <summary>The first language of an Accept-Language value, by quality, that is French or English; else French.</summary>
    public static Language FromAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || !StringWithQualityHeaderValue.TryParseList(header.Split(','), out var ranges))
        {
            return Language.French;
        }
        return ranges
            .Where(r => r.Quality is null or > 0)
            .OrderByDescending(r => r.Quality ?? 1)
            .Select(r => Named(r.Value.Value))
            .FirstOrDefault(l => l is not null) ?? Language.French;
    }

    // "fr", "fr-FR", "en", "en-GB"… (case-insensitive); null for any other.
    private static Language? Named(string? tag)
    {
        var primary = tag?.Split('-', 2)[0].Trim().ToLowerInvariant();
        return primary switch
        {
            "fr" => Language.French,
            "en" => Language.English,
            _ => null,
        };
    }
}
