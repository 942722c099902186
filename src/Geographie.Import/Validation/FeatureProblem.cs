namespace Geographie.Import.Validation;

/// <summary>Why one feature cannot be imported (or what was repaired in it), with its position and code.</summary>
public sealed record FeatureProblem(int Index, string? Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"feature #{Index} ({Code ?? "no code"}): {Message}";
}
