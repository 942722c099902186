using System.Buffers;
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
    private static readonly string[] LocationFields = ["location", "lon", "lat", "x", "y"];

    // Points answered (on every core) before their answers are written into the columns, in order.
    private const int ChunkPoints = 4096;

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

        if (Http.RequestDate.TryParse(request.Date, out var date) is { } badDate)
        {
            return (badDate.Field, badDate.Message(language));
        }

        // The options are the same for every point: checked once, with the first point, through the one validator.
        var problem = RequestValidator.TryResolve(new Points(request, date).Read(0).Request, limits, out _);
        return problem is not null && !LocationFields.Contains(problem.Field) ? (problem.Field, problem.Message(language)) : null;
    }

    /// <summary>
    /// Answers a request that <see cref="Problem"/> accepted, against one snapshot, its reasons in <paramref name="language"/>:
    /// through the batch loop (<see cref="EligibilityBatch"/>) one chunk at a time, each chunk written into the columns in order.
    /// </summary>
    public static CheckColumnsResponse Answer(GeographySnapshot snapshot, EligibilityChecker checker, CheckColumnsRequest request, Language language)
    {
        ArgumentNullException.ThrowIfNull(checker);
        ArgumentNullException.ThrowIfNull(request);
        int count = request.Lon.Count > 0 ? request.Lon.Count : request.X.Count;
        Http.RequestDate.TryParse(request.Date, out var date);
        var points = new Points(request, date);
        var response = new CheckColumnsResponse();
        var statuses = Sized(response.Statuses, count);
        var quartiers = Sized(response.Quartiers, count);
        var nearest = Sized(response.Nearest, count);
        var distances = Sized(response.DistancesM, count);
        var geographies = Sized(response.Geographies, count);
        var quartierNumbers = new Dictionary<DomainQuartier, uint>(ReferenceEqualityComparer.Instance);
        var geographyNumbers = new Dictionary<GeographyVersion, uint>(ReferenceEqualityComparer.Instance);
        // A chunk of results is large-object-heap sized (80 bytes a result): pooled, not collected each call; cleared on
        // return so that the pool keeps no snapshot's quartiers alive.
        var results = ArrayPool<EligibilityResult>.Shared.Rent(Math.Min(count, ChunkPoints));
        try
        {
            for (int first = 0; first < count; first += ChunkPoints)
            {
                int chunk = Math.Min(ChunkPoints, count - first);
                EligibilityBatch.Check(snapshot, checker, points, first, results, chunk, language);
                for (int c = 0; c < chunk; c++)
                {
                    var result = results[c];
                    statuses.Add((Status)(int)result.Status);
                    quartiers.Add(Number(quartierNumbers, response.QuartierCodes, result.Quartier, QuartierCode));
                    nearest.Add(result.Quartier is null ? Number(quartierNumbers, response.QuartierCodes, result.Nearest, QuartierCode) : 0);
                    distances.Add(result.DistanceM ?? double.NaN);
                    geographies.Add(Number(geographyNumbers, response.GeographyCodes, result.Geography, GeographyCode));
                    if (result.Status == EligibilityStatus.Invalid)
                    {
                        response.Invalid.Add(new InvalidPoint { Index = (uint)(first + c), Reason = result.Reason });
                    }
                }
            }
        }
        finally
        {
            ArrayPool<EligibilityResult>.Shared.Return(results, clearArray: true);
        }

        return response;
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

    // The columns as the batch loop reads them: one point per row, the options shared by every point.
    private readonly struct Points(CheckColumnsRequest request, DateOnly? date) : IBatchPoints
    {
        private readonly bool _wgs84 = request.Lon.Count > 0;

        public BatchPoint Read(int index) => new(new EligibilityRequest(
            Lon: _wgs84 ? request.Lon[index] : null,
            Lat: _wgs84 ? request.Lat[index] : null,
            X: _wgs84 ? null : request.X[index],
            Y: _wgs84 ? null : request.Y[index],
            Geography: request.Geography.Length > 0 ? request.Geography : null,
            Date: date,
            NearDistanceM: request.HasNearDistanceM ? request.NearDistanceM : null,
            PositionUncertaintyM: request.HasPositionUncertaintyM ? request.PositionUncertaintyM : null));
    }
}
