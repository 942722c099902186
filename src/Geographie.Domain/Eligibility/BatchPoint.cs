namespace Geographie.Domain.Eligibility;

/// <summary>
/// One point of a batch as an edge read it: the request to resolve, or what is already known of it, either the
/// <see cref="Problem"/> found while reading its fields or the <see cref="Answer"/> given without a check (an address
/// that matched nothing). A value type: reading a point allocates nothing.
/// </summary>
/// <param name="Request">The request, when neither <see cref="Problem"/> nor <see cref="Answer"/> is set.</param>
/// <param name="Problem">What made the point unreadable; it is answered INVALID with this reason.</param>
/// <param name="Answer">The answer already known; it is given as it is.</param>
public readonly record struct BatchPoint(EligibilityRequest Request, RequestProblem? Problem = null, EligibilityResult? Answer = null);
