using System.Text;
using Geographie.Api.Texts;
using Geographie.Domain.Texts;
using Geographie.Import.Csv;
using Geographie.Import.Files;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Geographie.Api.Http;

/// <summary>
/// The CSV bytes of a request, as they arrive: the body itself (<c>text/csv</c>, <c>application/csv</c>,
/// <c>text/tab-separated-values</c>), or the field <c>file</c> of an HTML form (<c>multipart/form-data</c>), the form's
/// other fields skipped. The <c>charset</c> of the body's (or the file part's) Content-Type is honoured;
/// <c>iso-8859-1</c> is read as Windows-1252, as browsers do, since Excel's "ANSI" files are Windows-1252.
/// </summary>
/// <param name="Bytes">The CSV bytes, read through the request's byte budget.</param>
/// <param name="Charset">The declared encoding, or null.</param>
/// <param name="FileName">The uploaded file's name, for a form; else null.</param>
internal sealed record CsvUpload(Stream Bytes, Encoding? Charset, string? FileName)
{
    /// <summary>The name of the form field that carries the file.</summary>
    public const string FormField = "file";

    /// <summary>Whether <paramref name="mediaType"/> (lower case, no parameters) is a CSV body or a form carrying one.</summary>
    public static bool Accepts(string? mediaType) =>
        mediaType is "text/csv" or "application/csv" or "text/tab-separated-values" or "multipart/form-data";

    /// <summary>
    /// The CSV bytes of <paramref name="context"/>'s request, read through a budget of <paramref name="maxBytes"/>;
    /// or the 400 problem for an unknown charset, a form without its <c>file</c> field, or a form that cannot be read.
    /// </summary>
    public static async Task<(CsvUpload? Upload, IResult? Problem)> OpenAsync(HttpContext context, long maxBytes, Language language)
    {
        var body = new LimitedBodyStream(context.Request.Body, maxBytes);
        MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType);
        if (!string.Equals(contentType?.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return Declared(contentType, language) is var (charset, problem) && problem is not null
                ? (null, problem)
                : (new CsvUpload(body, charset, null), null);
        }
        var boundary = HeaderUtilities.RemoveQuotes(contentType!.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary))
        {
            return (null, Invalid(language, language.Say(EdgeText.FormNoBoundary)));
        }
        var form = new MultipartReader(boundary, body);
        try
        {
            while (await form.ReadNextSectionAsync(context.RequestAborted) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    && string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, FormField, StringComparison.Ordinal))
                {
                    MediaTypeHeaderValue.TryParse(section.ContentType, out var partType);
                    var (charset, problem) = Declared(partType, language);
                    var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    return problem is not null ? (null, problem) : (new CsvUpload(section.Body, charset, name), null);
                }
                await section.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException && e is not BadHttpRequestException)
        {
            return (null, Invalid(language, language.Say(EdgeText.FormUnreadable, e.Message.TrimEnd('.', ' '))));
        }
        return (null, Invalid(language, language.Say(EdgeText.FormNoFile, FormField)));
    }

    /// <summary>
    /// The download name of an answer in <paramref name="dialect"/>: the uploaded file's name (letters, digits,
    /// '-', '_' only) followed by <paramref name="suffix"/>, or <paramref name="suffix"/> alone.
    /// </summary>
    public string DownloadName(string suffix, CsvDialect dialect)
    {
        var stem = new string(Path.GetFileNameWithoutExtension(FileName ?? string.Empty)
            .Where(c => char.IsLetterOrDigit(c) || c is '-' or '_').Take(64).ToArray());
        return (stem.Length == 0 ? suffix : $"{stem}-{suffix}") + "." + dialect.Extension;
    }

    /// <summary>Sets <c>Content-Disposition: attachment</c> with <paramref name="fileName"/> (ASCII and RFC 5987 forms).</summary>
    public static void AttachAs(HttpResponse response, string fileName)
    {
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
    }

    private static (Encoding? Charset, IResult? Problem) Declared(MediaTypeHeaderValue? contentType, Language language)
    {
        var name = HeaderUtilities.RemoveQuotes(contentType?.Charset ?? default).Value;
        if (string.IsNullOrWhiteSpace(name))
        {
            return (null, null);
        }
        return DbfEncoding.FromCodePageName(name) switch
        {
            null => (null, Invalid(language, language.Say(EdgeText.CharsetUnknown, InputEcho.Quote(name)))),
            { CodePage: 28591 } => (CsvEncoding.Windows1252, null),
            var known => (known, null),
        };
    }

    private static IResult Invalid(Language language, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: language.Say(EdgeText.BatchInvalidTitle));
}
