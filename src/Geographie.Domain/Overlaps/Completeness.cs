namespace Geographie.Domain.Overlaps;

/// <summary>
/// Whether an area figure is whole. Never read an incomplete figure as final: quartiers whose perimeters are not
/// loaded may add to it.
/// </summary>
/// <param name="Complete">True when every quartier that could meet the zone has its perimeter loaded.</param>
/// <param name="Missing">Codes of register quartiers, in communes the zone covers, whose perimeters are not loaded (sorted).</param>
/// <param name="Reason">Why the figure is not whole, or null when it is.</param>
public sealed record Completeness(bool Complete, IReadOnlyList<string> Missing, string? Reason)
{
    /// <summary>A whole answer.</summary>
    public static Completeness Whole { get; } = new(true, [], null);
}
