using Geographie.Features;

namespace Geographie.Api.Features;

/// <summary>A page written straight to the response, as GeoJSON or CSV.</summary>
internal sealed class ItemsResult(ItemsPage page, IReadOnlyList<Link> links, string format) : IResult
{
    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = format;
        var cancellation = httpContext.RequestAborted;
        if (format == CsvFeatureWriter.MediaType)
        {
            await using var writer = new StreamWriter(response.Body, new System.Text.UTF8Encoding(false), 64 * 1024, leaveOpen: true);
            await CsvFeatureWriter.WritePageAsync(writer, page, cancellation);
            await writer.FlushAsync(cancellation);
            return;
        }
        await GeoJsonFeatureWriter.WritePageAsync(response.Body, page, links, DateTimeOffset.UtcNow, cancellation);
    }
}

/// <summary>One feature written straight to the response as GeoJSON.</summary>
internal sealed class FeatureResult(FeatureLayer layer, FeatureRecord feature, IReadOnlyList<Link> links) : IResult
{
    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = GeoJsonFeatureWriter.MediaType;
        return GeoJsonFeatureWriter.WriteFeatureAsync(httpContext.Response.Body, layer, feature, links, httpContext.RequestAborted);
    }
}
