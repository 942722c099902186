using Geographie.Domain.Contrat;
using Geographie.Domain.Eligibility;
using Geographie.Domain.Geography;
using Geographie.Domain.Snapshots;
using Geographie.Domain.Texts;

namespace Geographie.Domain.Tests.Eligibility;

/// <summary>
/// The answer path allocates nothing per point to check: one core's share of points through the batch loop, and the
/// same points as single requests, counted on this thread after a first pass has compiled and initialised everything.
/// On the real shipped data (UNKNOWN answers with the loaded perimeters nearby) and on the same real Lyon 2015
/// perimeters in a test-only edition declared complete (OUTSIDE answers with their distance). Counts bytes, not time.
/// </summary>
public sealed class EligibilityAllocationTests
{
    // TEST ONLY: the 37 real Lyon 2015 perimeters of the shipped data, in an edition whose expected count is theirs, so
    // that points outside them are OUTSIDE with a distance (the production answer mix). Not a décret, never served.
    private static readonly Lazy<GeographySnapshot> CompleteLyon = new(() =>
    {
        var lyon = ShippedSnapshot.Value.Edition(GeographyVersions.Qpv2015).WithPerimeter;
        var q = GeographyVersions.Qpv2015;
        var testOnly = new GeographyVersion(q.Code, "test only: the Lyon 2015 perimeters declared complete", q.MetropoleFrom, q.MetropoleUntil,
            q.OverseasFrom, q.OverseasUntil, lyon.Count, q.CodePattern);
        return new GeographySnapshot(1, lyon, ShippedSnapshot.Value.Communes, ContratDeVille.Empty, DateTimeOffset.UnixEpoch, catalogue: [testOnly]);
    });

    [Fact]
    public void Answering_shipped_data_points_allocates_nothing() =>
        AssertNoAllocation(ShippedSnapshot.Value, [EligibilityStatus.Inside, EligibilityStatus.Near, EligibilityStatus.Unknown]);

    [Fact]
    public void Answering_points_of_a_complete_edition_allocates_nothing() =>
        AssertNoAllocation(CompleteLyon.Value, [EligibilityStatus.Inside, EligibilityStatus.Near, EligibilityStatus.Outside]);

    private static void AssertNoAllocation(GeographySnapshot snapshot, EligibilityStatus[] expected)
    {
        var points = LyonPoints(EligibilityBatch.PointsPerTask);
        var checker = new EligibilityChecker(new EligibilityLimits());
        var answers = new EligibilityResult[points.Length];

        CheckBatch(snapshot, checker, points, answers);
        CheckOneByOne(snapshot, checker, points);
        var before = GC.GetAllocatedBytesForCurrentThread();
        CheckBatch(snapshot, checker, points, answers);
        var batch = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        CheckOneByOne(snapshot, checker, points);
        var single = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.All(expected, status => Assert.Contains(answers, a => a.Status == status));
        Assert.Equal(0, batch);
        Assert.Equal(0, single);
    }

    private static void CheckBatch(GeographySnapshot snapshot, EligibilityChecker checker, BatchPoint[] points, EligibilityResult[] answers) =>
        EligibilityBatch.Check(snapshot, checker, new ArrayPoints(points), 0, answers, points.Length, Language.French);

    private static void CheckOneByOne(GeographySnapshot snapshot, EligibilityChecker checker, BatchPoint[] points)
    {
        foreach (var point in points)
        {
            if (RequestValidator.TryResolve(point.Request, checker.Limits, out var resolved) is not null)
            {
                throw new InvalidOperationException("every test point is valid");
            }
            checker.Check(snapshot, resolved, Language.English);
        }
    }

    // Around Lyon's perimeters, in every form a request takes: WGS84 or Lambert-93, the edition named or a date, with
    // and without the bands.
    private static BatchPoint[] LyonPoints(int count)
    {
        var random = new Random(20261202);
        var points = new BatchPoint[count];
        for (var i = 0; i < count; i++)
        {
            double lon = 4.76 + random.NextDouble() * 0.26, lat = 45.58 + random.NextDouble() * 0.31;
            Spatial.MetricCrs.Lambert93.Project(lon, lat, out var x, out var y);
            points[i] = new BatchPoint(new EligibilityRequest(
                Lon: i % 4 == 3 ? null : lon, Lat: i % 4 == 3 ? null : lat, X: i % 4 == 3 ? x : null, Y: i % 4 == 3 ? y : null,
                Geography: i % 2 == 0 ? "qpv2015" : null, Date: i % 2 == 0 ? null : new DateOnly(2020, 6, 1),
                NearDistanceM: i % 3 == 0 ? null : 300, PositionUncertaintyM: i % 5 == 0 ? 20 : null));
        }
        return points;
    }

    private readonly struct ArrayPoints(BatchPoint[] points) : IBatchPoints
    {
        public BatchPoint Read(int index) => points[index];
    }
}
