using Geographie.Domain.Eligibility;
using Geographie.Domain.Geography;
using Geographie.Domain.Texts;

namespace Geographie.Domain.Tests.Eligibility;

/// <summary>
/// The one batch loop over the real shipped data: the same answers as the single-point path, in order, whatever the
/// share of work each core got, and every answer counted once.
/// </summary>
public sealed class EligibilityBatchTests
{
    // Lyon's extent, where the shipped 2015 perimeters are; enough points for the loop to split the work.
    private static BatchPoint[] Points(int count)
    {
        var random = new Random(20261202);
        var points = new BatchPoint[count];
        for (var i = 0; i < count; i++)
        {
            points[i] = (i % 97) switch
            {
                0 => new BatchPoint(new EligibilityRequest(4.85, 95, Geography: "qpv2015")),
                1 => new BatchPoint(default, new RequestProblem("date", DomainText.NotAnIsoDate, "31/12/2020")),
                2 => new BatchPoint(default, Answer: EligibilityResult.Invalid("address: no match")),
                _ => new BatchPoint(new EligibilityRequest(4.76 + random.NextDouble() * 0.26, 45.58 + random.NextDouble() * 0.31,
                    Geography: i % 2 == 0 ? "qpv2015" : null, NearDistanceM: 300)),
            };
        }
        return points;
    }

    [Fact]
    public void Every_point_gets_the_single_point_answer_in_order()
    {
        var points = Points(5_000);

        var (checker, answers) = CheckAll(points, Language.English);

        for (var i = 0; i < points.Length; i++)
        {
            var expected = points[i] switch
            {
                { Answer: { } known } => known,
                { Problem: { } problem } => EligibilityResult.Invalid(problem.Describe(Language.English)),
                var point => checker.Check(ShippedSnapshot.Value, point.Request, Language.English),
            };
            Assert.Equal(expected, answers[i]);
        }
        Assert.Contains(answers, a => a.Status == EligibilityStatus.Inside);
        Assert.Contains(answers, a => a.Status == EligibilityStatus.Near);
        Assert.Equal("date: date '31/12/2020' is not an ISO date (YYYY-MM-DD)", answers[1].Reason);
    }

    [Fact]
    public void A_part_of_the_points_is_answered_from_its_first_index()
    {
        var points = Points(3_000);
        var (checker, whole) = CheckAll(points, Language.French);
        var part = new EligibilityResult[1_000];

        EligibilityBatch.Check(ShippedSnapshot.Value, checker, new ArrayPoints(points), 1_500, part, part.Length, Language.French);

        Assert.Equal(whole[1_500..2_500], part);
    }

    [Fact]
    public void Each_answer_is_counted_once_by_status_and_edition()
    {
        var (checker, answers) = CheckAll(Points(5_000), Language.French);

        var editions = GeographyVersions.All.Cast<GeographyVersion?>().Append(null);
        foreach (var status in Enum.GetValues<EligibilityStatus>())
        {
            foreach (var edition in editions)
            {
                Assert.Equal(answers.LongCount(a => a.Status == status && a.Geography == edition), checker.Answers.Total(status, edition));
            }
        }
        Assert.Equal(answers.Length, Enum.GetValues<EligibilityStatus>().Sum(s => editions.Sum(e => checker.Answers.Total(s, e))));
    }

    // Every point through the loop, with a checker of its own (its counts start at zero).
    private static (EligibilityChecker Checker, EligibilityResult[] Answers) CheckAll(BatchPoint[] points, Language language)
    {
        var checker = new EligibilityChecker(new EligibilityLimits());
        var answers = new EligibilityResult[points.Length];
        EligibilityBatch.Check(ShippedSnapshot.Value, checker, new ArrayPoints(points), 0, answers, points.Length, language);
        return (checker, answers);
    }

    private readonly struct ArrayPoints(BatchPoint[] points) : IBatchPoints
    {
        public BatchPoint Read(int index) => points[index];
    }
}
