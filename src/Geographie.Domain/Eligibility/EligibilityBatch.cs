using Geographie.Domain.Snapshots;
using Geographie.Domain.Texts;

namespace Geographie.Domain.Eligibility;

/// <summary>
/// The one loop of every batch (REST JSON and CSV, the summary, gRPC CheckBatch and CheckColumns) and the one step of
/// every stream: read → resolve (<see cref="RequestValidator"/>) → decide (<see cref="EligibilityChecker.Decide"/>) →
/// count (<see cref="EligibilityChecker.Answers"/>). Thread-safe; per point nothing is allocated but an INVALID reason.
/// </summary>
public static class EligibilityBatch
{
    /// <summary>
    /// Points answered on one core before the work is split (fewer are answered sooner on one core than handed out): a
    /// call with at most this many answers them all on the calling thread.
    /// </summary>
    public const int PointsPerTask = 512;

    /// <summary>
    /// Answers points <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1 of
    /// <paramref name="points"/> into <paramref name="answers"/>[0..<paramref name="count"/>), in order, on every core
    /// when there are enough of them; reasons in <paramref name="language"/>, worded by <paramref name="wording"/> when the
    /// edge names fields its own way (gRPC's <c>wgs84.lon</c>), else as <see cref="RequestProblem.Describe"/> does. Each answer is counted once, added to the
    /// running totals once per share of work rather than once per point.
    /// </summary>
    public static void Check<TPoints>(
        GeographySnapshot snapshot, EligibilityChecker checker, TPoints points, int first, EligibilityResult[] answers, int count,
        Language language, CancellationToken cancellationToken = default, Func<RequestProblem, Language, string>? wording = null)
        where TPoints : IBatchPoints
    {
        ArgumentNullException.ThrowIfNull(checker);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, answers.Length);
        var tasks = (count + PointsPerTask - 1) / PointsPerTask;
        if (tasks <= 1)
        {
            CheckRange(snapshot, checker, points, first, answers, 0, count, language, wording);
            return;
        }
        CheckInParallel(snapshot, checker, points, first, answers, count, tasks, language, cancellationToken, wording);
    }

    /// <summary>Answers one point (of a stream) and counts it; reasons worded as <see cref="Check{TPoints}"/> words them.</summary>
    public static EligibilityResult CheckOne(
        GeographySnapshot snapshot, EligibilityChecker checker, in BatchPoint point, Language language, Func<RequestProblem, Language, string>? wording = null)
    {
        ArgumentNullException.ThrowIfNull(checker);
        var answer = Answer(snapshot, checker, point, language, wording);
        checker.Answers.Add(answer.Status, answer.Geography);
        return answer;
    }

    // Apart from Check: the lambda's captures are allocated when the method that declares them starts, so a batch of one
    // share would allocate them for nothing.
    private static void CheckInParallel<TPoints>(
        GeographySnapshot snapshot, EligibilityChecker checker, TPoints points, int first, EligibilityResult[] answers, int count, int tasks,
        Language language, CancellationToken cancellationToken, Func<RequestProblem, Language, string>? wording)
        where TPoints : IBatchPoints =>
        Parallel.For(0, tasks, new ParallelOptions { CancellationToken = cancellationToken }, task =>
            CheckRange(snapshot, checker, points, first, answers, task * PointsPerTask, Math.Min(count, (task + 1) * PointsPerTask), language, wording));

    private static void CheckRange<TPoints>(
        GeographySnapshot snapshot, EligibilityChecker checker, TPoints points, int first, EligibilityResult[] answers, int from, int to, Language language,
        Func<RequestProblem, Language, string>? wording)
        where TPoints : IBatchPoints
    {
        for (var i = from; i < to; i++)
        {
            answers[i] = Answer(snapshot, checker, points.Read(first + i), language, wording);
        }
        checker.Answers.Add(answers.AsSpan(from, to - from));
    }

    private static EligibilityResult Answer(
        GeographySnapshot snapshot, EligibilityChecker checker, in BatchPoint point, Language language, Func<RequestProblem, Language, string>? wording)
    {
        if (point.Answer is { } known)
        {
            return known;
        }
        if (point.Problem is { } unreadable)
        {
            return EligibilityResult.Invalid(wording?.Invoke(unreadable, language) ?? unreadable.Describe(language));
        }
        return RequestValidator.TryResolve(point.Request, checker.Limits, out var resolved) is { } problem
            ? EligibilityResult.Invalid(wording?.Invoke(problem, language) ?? problem.Describe(language))
            : checker.Decide(snapshot, resolved, language);
    }
}
