namespace Geographie.Domain.Eligibility;

/// <summary>What is wrong with a request: the field (as named on the wire, snake_case) and a message for a person.</summary>
public sealed record RequestProblem(string Field, string Message);
