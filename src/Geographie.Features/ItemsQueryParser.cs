using Geographie.Domain.Texts;
using System.Globalization;

namespace Geographie.Features;

/// <summary>
/// Reads the query string of <c>/collections/{id}/items</c> into an <see cref="ItemsQuery"/>, or says what is wrong
/// with each bad parameter. Unknown parameters are refused (OGC API Features lets a server answer 400 to them), so a
/// misspelt filter is never silently ignored. Thread-safe (stateless).
/// </summary>
public static class ItemsQueryParser
{
    /// <summary>The page size when the client gives no <c>limit</c>.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest page; a larger <c>limit</c> is served as this one, not refused, as the standard requires.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>The parameters this parser reads.</summary>
    public static IReadOnlyList<string> Parameters { get; } = ["bbox", "datetime", "limit", "offset", "code", "insee", "departement"];

    /// <summary>
    /// Parses <paramref name="query"/>. <paramref name="alsoAllowed"/> names parameters the caller reads itself (the
    /// output format, the paging revision, the language). Returns the query, or null with one message per bad
    /// parameter, written in <paramref name="language"/>.
    /// </summary>
    public static (ItemsQuery? Query, IReadOnlyDictionary<string, string[]> Errors) Parse(
        IEnumerable<KeyValuePair<string, string?>> query, IReadOnlyCollection<string> alsoAllowed, Language language = Language.French)
    {
        string Say(FeatureText id, params object?[] args) => FeatureTexts.Catalogue.Format(language, id, args);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in query)
        {
            if (!Parameters.Contains(name) && !alsoAllowed.Contains(name))
            {
                errors[name] = [Say(FeatureText.ParameterUnknown, name, string.Join(", ", Parameters.Concat(alsoAllowed)))];
            }
            else if (!values.TryAdd(name, value ?? string.Empty))
            {
                errors[name] = [Say(FeatureText.ParameterRepeated, name)];
            }
        }

        var limit = Integer(values, "limit", DefaultLimit, minimum: 1, errors, Say);
        var offset = Integer(values, "offset", 0, minimum: 0, errors, Say);
        var bbox = values.TryGetValue("bbox", out var box) ? Bbox(box, errors, Say) : null;
        var (from, to) = values.TryGetValue("datetime", out var datetime) ? Time(datetime, errors, Say) : (null, null);
        var code = Text(values, "code", errors, Say);
        var insee = Text(values, "insee", errors, Say);
        var departement = Text(values, "departement", errors, Say);
        return errors.Count > 0
            ? (null, errors)
            : (new ItemsQuery(Math.Min(limit, MaxLimit), offset, bbox, from, to, code, insee, departement), errors);
    }

    private delegate string Texts(FeatureText id, params object?[] args);

    private static int Integer(Dictionary<string, string> values, string name, int absent, int minimum, Dictionary<string, string[]> errors, Texts say)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return absent;
        }
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            // Beyond int: as large as it gets (a limit is capped, an offset past the end gives an empty page).
            var value = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : int.MaxValue;
            if (value >= minimum)
            {
                return value;
            }
        }
        errors[name] = [say(FeatureText.NotWholeNumber, name, minimum, text)];
        return absent;
    }

    private static string? Text(Dictionary<string, string> values, string name, Dictionary<string, string[]> errors, Texts say)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[name] = [say(FeatureText.Empty, name)];
        }
        return text.Trim();
    }

    private static BoundingBox? Bbox(string text, Dictionary<string, string[]> errors, Texts say)
    {
        var parts = text.Split(',');
        var numbers = new double[parts.Length];
        var numeric = parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) && double.IsFinite(numbers[i])).ToArray();
        string? fault = null;
        if (parts.Length is not (4 or 6))
        {
            fault = say(FeatureText.BboxCount, parts.Length);
        }
        else if (!numeric.All(ok => ok))
        {
            fault = say(FeatureText.BboxNotNumber, parts[Array.IndexOf(numeric, false)]);
        }
        if (fault is not null)
        {
            errors["bbox"] = [fault];
            return null;
        }
        // With heights the order is minLon,minLat,minZ,maxLon,maxLat,maxZ; the heights are ignored (the data is 2D).
        var (minLon, minLat, maxLon, maxLat) = parts.Length == 4
            ? (numbers[0], numbers[1], numbers[2], numbers[3])
            : (numbers[0], numbers[1], numbers[3], numbers[4]);
        fault = (minLon, minLat, maxLon, maxLat) switch
        {
            _ when Math.Abs(minLon) > 180 || Math.Abs(maxLon) > 180 => say(FeatureText.BboxLongitudes),
            _ when Math.Abs(minLat) > 90 || Math.Abs(maxLat) > 90 => say(FeatureText.BboxLatitudes),
            _ when minLat > maxLat => say(FeatureText.BboxLatitudeOrder, minLat, maxLat),
            _ => null,
        };
        if (fault is not null)
        {
            errors["bbox"] = [fault];
            return null;
        }
        return new BoundingBox(minLon, minLat, maxLon, maxLat);
    }

    private static (DateTimeOffset? From, DateTimeOffset? To) Time(string text, Dictionary<string, string[]> errors, Texts say)
    {
        var bounds = text.Split('/');
        if (bounds.Length == 1 && bounds[0] is not (".." or ""))
        {
            var start = Instant(bounds[0], endOfDay: false, out var startOk);
            var end = Instant(bounds[0], endOfDay: true, out var endOk);
            if (startOk && endOk)
            {
                return (start, end);
            }
        }
        else if (bounds.Length == 2)
        {
            var start = Instant(bounds[0], endOfDay: false, out var startOk);
            var end = Instant(bounds[1], endOfDay: true, out var endOk);
            if (startOk && endOk && !(start > end))
            {
                return (start, end);
            }
        }
        errors["datetime"] = [say(FeatureText.Datetime, text)];
        return (null, null);
    }

    // A date stands for its whole day: as an interval's start it begins at midnight UTC, as its end it runs to the next one.
    private static DateTimeOffset? Instant(string text, bool endOfDay, out bool ok)
    {
        ok = true;
        if (text is ".." or "")
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1).AddTicks(-1) : start;
        }
        if (text.Contains('T', StringComparison.OrdinalIgnoreCase)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }
        ok = false;
        return null;
    }
}
