using System.Text.Json;
using Geographie.Api.Texts;
using Geographie.Addresses;
using Geographie.Api.Addresses;
using Geographie.Domain.Contrat;
using Geographie.Domain.Eligibility;
using Geographie.Domain.Snapshots;
using Geographie.Domain.Texts;

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
        ContratDeVille? contrat, int maxBatch, long maxBytes, Action<long> recordPoints, IGeocoder geocoder)
    {
        var (items, problem) = await ReadAsync(context, maxBatch, maxBytes, defaults.Language);
        if (problem is not null)
        {
            return problem;
        }
        recordPoints(items.Count);
        // Addresses are geocoded first, all in one call (an external geocoder sends CSV batches); the points are then
        // checked in parallel.
        var located = await AddressStep.GeocodeAllAsync(geocoder, items.Select(i => i.Address).ToList(), context.RequestAborted);
        var results = Check(items, located, snapshot, checker, defaults, context.RequestAborted);
        var answers = new EligibilityResponse[items.Count];
        for (var i = 0; i < answers.Length; i++)
        {
            answers[i] = results[i].ToResponse(items[i].Id, contrat) with { Address = AddressStep.Matched(located[i]) };
        }
        return TypedResults.Ok(answers);
    }

    /// <summary>
    /// Reads the points of a JSON batch (shared by the batch and its summary): the items, or the 400/413 problem
    /// that refuses the body, in <paramref name="language"/>.
    /// </summary>
    public static async Task<(IReadOnlyList<JsonBatchItem> Items, IResult? Problem)> ReadAsync(
        HttpContext context, int maxBatch, long maxBytes, Language language)
    {
        var items = new List<JsonBatchItem>();
        var body = new LimitedBodyStream(context.Request.Body, maxBytes);
        try
        {
            await foreach (var element in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(body, JsonSerializerOptions.Web, context.RequestAborted))
            {
                if (items.Count == maxBatch)
                {
                    return (items, Invalid("items", language.Say(EdgeText.BatchTooMany, maxBatch), language));
                }
                var problem = JsonBatchItem.TryRead(element, items.Count, out var item);
                if (problem is not null)
                {
                    return (items, Invalid(problem.Field, problem.Message(language), language));
                }
                items.Add(item);
            }
        }
        catch (JsonException e)
        {
            // The serializer's own message names .NET types; the position is what the caller can use.
            return (items, Invalid("body", language.Say(EdgeText.JsonMalformed, e.LineNumber + 1, e.BytePositionInLine + 1, e.Path), language));
        }
        return items.Count == 0 ? (items, Invalid("items", language.Say(EdgeText.BatchEmpty), language)) : (items, null);
    }

    /// <summary>
    /// Checks the points read by <paramref name="items"/> through the batch loop, at the points of <paramref name="located"/>
    /// for the items that gave an address (null: no item was geocoded); the query string's options fill what an item
    /// leaves out. One answer per item, in order.
    /// </summary>
    public static EligibilityResult[] Check(
        IReadOnlyList<JsonBatchItem> items, AddressAnswer?[]? located, GeographySnapshot snapshot, EligibilityChecker checker,
        BatchDefaults defaults, CancellationToken cancellationToken)
    {
        var results = new EligibilityResult[items.Count];
        EligibilityBatch.Check(snapshot, checker, new Points(items, located, defaults, checker.Limits.MaxBandM), 0, results, items.Count,
            defaults.Language, cancellationToken);
        return results;
    }

    private static IResult Invalid(string field, string message, Language language) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: message, title: language.Say(EdgeText.BatchInvalidTitle));

    // The items as the batch loop reads them.
    private readonly struct Points(IReadOnlyList<JsonBatchItem> items, AddressAnswer?[]? located, BatchDefaults defaults, double maxBandM) : IBatchPoints
    {
        public BatchPoint Read(int index)
        {
            var item = items[index];
            return defaults.Read(item.Lon, item.Lat, item.X, item.Y, item.Geography, item.Date, item.Near, item.Uncertainty,
                commaDecimals: false, maxBandM, located?[index]);
        }
    }
}
