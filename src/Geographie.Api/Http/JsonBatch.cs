using System.Text.Json;
using Geographie.Domain.Contrat;
using Geographie.Domain.Eligibility;
using Geographie.Domain.Snapshots;

namespace Geographie.Api.Http;

/// <summary>
/// The JSON form of <c>POST /v1/eligibility/batch</c>: an array of points, read one item at a time and counted while
/// it streams, so a batch beyond <c>MaxBatch</c> is refused after reading one item more than the limit, never whole.
/// 400 naming the item and the field for a body that is not an array of point objects, for an empty batch and for
/// too many points; 413 beyond the body limit; 200 with one answer per item in order otherwise (a point whose values
/// are wrong, such as a latitude of 95, is answered INVALID with its reason).
/// </summary>
public static class JsonBatch
{
    /// <summary>Answers the JSON body of <paramref name="context"/>, read through a budget of <paramref name="maxBytes"/>.</summary>
    public static async Task<IResult> AnswerAsync(
        HttpContext context, GeographySnapshot snapshot, EligibilityChecker checker, BatchDefaults defaults,
        ContratDeVille? contrat, int maxBatch, long maxBytes)
    {
        var items = new List<JsonBatchItem>();
        var body = new LimitedBodyStream(context.Request.Body, maxBytes);
        try
        {
            await foreach (var element in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(body, JsonSerializerOptions.Web, context.RequestAborted))
            {
                if (items.Count == maxBatch)
                {
                    return Invalid("items", $"The batch holds more than {maxBatch} points, the limit; it was not read further.");
                }
                var problem = JsonBatchItem.TryRead(element, items.Count, out var item);
                if (problem is not null)
                {
                    return Invalid(problem.Field, problem.Message);
                }
                items.Add(item);
            }
        }
        catch (JsonException e)
        {
            // The serializer's own message names .NET types; the position is what the caller can use.
            return Invalid("body", $"The body is not a JSON array of point objects: it is malformed or of another shape at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1} (JSON path {e.Path}).");
        }
        if (items.Count == 0)
        {
            return Invalid("items", "The batch is empty: send a JSON array of points.");
        }
        var answers = new EligibilityResponse[items.Count];
        Parallel.For(0, items.Count, new ParallelOptions { CancellationToken = context.RequestAborted }, i =>
        {
            var item = items[i];
            var result = defaults.Check(snapshot, checker, item.Lon, item.Lat, item.X, item.Y, item.Geography, item.Date,
                item.Near, item.Uncertainty, commaDecimals: false);
            answers[i] = result.ToResponse(item.Id, contrat);
        });
        return TypedResults.Ok(answers);
    }

    private static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message, title: "The batch is invalid");
}
