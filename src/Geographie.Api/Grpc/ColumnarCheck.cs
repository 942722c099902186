using System.Globalization;
using Geographie.Api.Grpc.V1;
using Geographie.Domain.Eligibility;
using Geographie.Domain.Geography;
using Geographie.Domain.Snapshots;
using Geographie.Domain.Texts;
using Google.Protobuf.Collections;
using DomainQuartier = Geographie.Domain.Quartiers.Quartier;

namespace Geographie.Api.Grpc;

/// <summary>
/// rpc CheckColumns: the columns of a <see cref="CheckColumnsRequest"/> checked point by point with the same
/// <see cref="RequestValidator"/> and <see cref="EligibilityChecker"/> as every other path, the answers written straight into the packed response
/// columns. Per point nothing is allocated but the columns' growth (their capacity is set up front) and, for an INVALID
/// point, its reason; quartiers and geographies are numbered in a per-response dictionary keyed by reference.
/// </summary>
public static class ColumnarCheck
{
    private static readonly Func<DomainQuartier, string> QuartierCode = q => q.Code;
    private static readonly Func<GeographyVersion, string> GeographyCode = g => g.Code;
    private static readonly EligibilityStatus[] Statuses = Enum.GetValues<EligibilityStatus>();
    private static readonly string[] LocationFields = ["location", "lon", "lat", "x", "y"];

    /// <summary>
    /// What makes the whole request unanswerable, as (field, message), or null: no or mixed coordinate columns,
    /// columns of different lengths, a value that is not a finite number, more than <paramref name="maxBatch"/>
    /// points, or options (geography, date, bands) the validator refuses (its message in <paramref name="language"/>).
    /// </summary>
    public static (string Field, string Message)? Problem(CheckColumnsRequest request, EligibilityLimits limits, int maxBatch, Language language)
    {
        ArgumentNullException.ThrowIfNull(request);
        bool wgs84 = request.Lon.Count > 0 || request.Lat.Count > 0;
        bool lambert = request.X.Count > 0 || request.Y.Count > 0;
        if (wgs84 == lambert)
        {
            return ("location", wgs84
                ? "give either the lon/lat columns (WGS84) or the x/y columns (Lambert-93), not both"
                : "no points: fill the lon and lat columns (WGS84 degrees) or the x and y columns (Lambert-93 metres)");
        }

        var (first, second, firstName, secondName) = wgs84 ? (request.Lon, request.Lat, "lon", "lat") : (request.X, request.Y, "x", "y");
        if (first.Count != second.Count)
        {
            return (secondName, $"the {firstName} column holds {first.Count} values and the {secondName} column {second.Count}; they must pair up");
        }

        if (first.Count > maxBatch)
        {
            return (firstName, $"the batch holds {first.Count} points; the limit is {maxBatch}");
        }

        var notFinite = FirstNotFinite(first, firstName) ?? FirstNotFinite(second, secondName);
        if (notFinite is not null)
        {
            return notFinite;
        }

        if (ParseDate(request.Date, out _) is { } badDate)
        {
            return ("date", badDate);
        }

        // The options are the same for every point: checked once, with the first point, through the one validator.
        var problem = RequestValidator.TryResolve(PointRequest(request, 0, wgs84, DateOf(request)), limits, out _);
        return problem is not null && !LocationFields.Contains(problem.Field) ? (problem.Field, problem.Message(language)) : null;
    }

    /// <summary>Answers a request that <see cref="Problem"/> accepted, against one snapshot, its reasons in <paramref name="language"/>.</summary>
    public static CheckColumnsResponse Answer(GeographySnapshot snapshot, EligibilityChecker checker, CheckColumnsRequest request, Language language)
    {
        ArgumentNullException.ThrowIfNull(checker);
        bool wgs84 = request.Lon.Count > 0;
        int count = wgs84 ? request.Lon.Count : request.X.Count;
        var date = DateOf(request);
        var response = new CheckColumnsResponse();
        var statuses = Sized(response.Statuses, count);
        var quartiers = Sized(response.Quartiers, count);
        var nearest = Sized(response.Nearest, count);
        var distances = Sized(response.DistancesM, count);
        var geographies = Sized(response.Geographies, count);
        var quartierNumbers = new Dictionary<DomainQuartier, uint>(ReferenceEqualityComparer.Instance);
        var geographyNumbers = new Dictionary<GeographyVersion, uint>(ReferenceEqualityComparer.Instance);
        var editions = new GeographyVersion?[GeographyVersions.All.Count + 1];
        var tally = new long[editions.Length, (int)Statuses.Max() + 1];
        for (int i = 0; i < count; i++)
        {
            var problem = RequestValidator.TryResolve(PointRequest(request, i, wgs84, date), checker.Limits, out var resolved);
            var result = problem is null ? checker.Decide(snapshot, resolved, language) : EligibilityResult.Invalid(problem.Describe(language));
            statuses.Add((Status)(int)result.Status);
            quartiers.Add(Number(quartierNumbers, response.QuartierCodes, result.Quartier, QuartierCode));
            nearest.Add(result.Quartier is null ? Number(quartierNumbers, response.QuartierCodes, result.Nearest, QuartierCode) : 0);
            distances.Add(result.DistanceM ?? double.NaN);
            uint geography = Number(geographyNumbers, response.GeographyCodes, result.Geography, GeographyCode);
            geographies.Add(geography);
            editions[geography] = result.Geography;
            tally[geography, (int)result.Status]++;
            if (result.Status == EligibilityStatus.Invalid)
            {
                response.Invalid.Add(new InvalidPoint { Index = (uint)i, Reason = result.Reason });
            }
        }

        // Counted as EligibilityChecker.Check counts, once per batch rather than once per point.
        for (int g = 0; g < editions.Length; g++)
        {
            foreach (var status in Statuses)
            {
                if (tally[g, (int)status] > 0)
                {
                    checker.Answers.Add(status, editions[g], tally[g, (int)status]);
                }
            }
        }

        return response;
    }

    private static EligibilityRequest PointRequest(CheckColumnsRequest request, int i, bool wgs84, DateOnly? date) => new(
        Lon: wgs84 ? request.Lon[i] : null,
        Lat: wgs84 ? request.Lat[i] : null,
        X: wgs84 ? null : request.X[i],
        Y: wgs84 ? null : request.Y[i],
        Geography: request.Geography.Length > 0 ? request.Geography : null,
        Date: date,
        NearDistanceM: request.HasNearDistanceM ? request.NearDistanceM : null,
        PositionUncertaintyM: request.HasPositionUncertaintyM ? request.PositionUncertaintyM : null);

    private static DateOnly? DateOf(CheckColumnsRequest request) => ParseDate(request.Date, out var day) is null && request.Date.Length > 0 ? day : null;

    private static string? ParseDate(string text, out DateOnly day)
    {
        day = default;
        return text.Length == 0 || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
            ? null
            : $"date '{text}' is not an ISO date (YYYY-MM-DD)";
    }

    private static (string Field, string Message)? FirstNotFinite(RepeatedField<double> column, string name)
    {
        for (int i = 0; i < column.Count; i++)
        {
            if (!double.IsFinite(column[i]))
            {
                return (name, $"{name}[{i}] is not a finite number ({column[i].ToString(CultureInfo.InvariantCulture)})");
            }
        }

        return null;
    }

    private static RepeatedField<T> Sized<T>(RepeatedField<T> column, int count)
    {
        column.Capacity = count;
        return column;
    }

    private static uint Number<T>(Dictionary<T, uint> numbers, RepeatedField<string> codes, T? item, Func<T, string> code)
        where T : class
    {
        if (item is null)
        {
            return 0;
        }

        if (!numbers.TryGetValue(item, out uint number))
        {
            codes.Add(code(item));
            number = (uint)codes.Count;
            numbers.Add(item, number);
        }

        return number;
    }
}
