using System.Runtime.CompilerServices;

namespace Geographie.Domain.Eligibility;

/// <summary>
/// One point of a batch as an edge read it: the request to resolve, or what is already known of it, either the
/// <see cref="Problem"/> found while reading its fields or the <see cref="Answer"/> given without a check (an address
/// that matched nothing). A value type: reading a point to check allocates nothing.
/// </summary>
/// <param name="Request">The request, when neither <see cref="Problem"/> nor <see cref="Answer"/> is set.</param>
/// <param name="Problem">What made the point unreadable; it is answered INVALID with this reason.</param>
/// <param name="Answer">The answer already known; it is given as it is.</param>
public readonly record struct BatchPoint(EligibilityRequest Request, RequestProblem? Problem = null, EligibilityResult? Answer = null)
{
    // Boxed: every point is built and copied once per answer, and the answer inline would more than double its size; a
    // point with a known answer is rare and allocates its reason text anyway.
    private readonly StrongBox<EligibilityResult>? _answer = Answer is { } known ? new(known) : null;

    /// <summary>The answer already known; it is given as it is.</summary>
    public EligibilityResult? Answer
    {
        get => _answer?.Value;
        init => _answer = value is { } known ? new(known) : null;
    }

    /// <summary>Equal when the requests, problems and known answers are (the answers by value, not by box).</summary>
    public bool Equals(BatchPoint other) =>
        Request.Equals(other.Request) && Equals(Problem, other.Problem) && Answer.Equals(other.Answer);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Request, Problem, Answer);
}
