using Geographie.Domain.Geography;

namespace Geographie.Domain.Overlaps;

/// <summary>
/// What changed between two editions within a scope (a zone, a commune, or everything loaded). Areas in m², each
/// measured in the metric CRS of its territory. Assumes, as the décrets do, that the quartiers of one edition do not
/// overlap each other.
/// </summary>
/// <param name="From">The older edition.</param>
/// <param name="To">The newer edition.</param>
/// <param name="FromAreaM2">Area in QPV of <paramref name="From"/> within the scope.</param>
/// <param name="ToAreaM2">Area in QPV of <paramref name="To"/> within the scope.</param>
/// <param name="StayedM2">Area in QPV of both editions.</param>
/// <param name="FromQuartiers">The quartiers of <paramref name="From"/> meeting the scope, by code.</param>
/// <param name="ToQuartiers">The quartiers of <paramref name="To"/> meeting the scope, by code.</param>
/// <param name="Pairs">Every (From, To) pair sharing a positive area, by From then To code.</param>
/// <param name="FromCompleteness">Whether quartiers of <paramref name="From"/> lack perimeters within the scope.</param>
/// <param name="ToCompleteness">Whether quartiers of <paramref name="To"/> lack perimeters within the scope.</param>
public sealed record Evolution(
    GeographyVersion From, GeographyVersion To,
    double FromAreaM2, double ToAreaM2, double StayedM2,
    IReadOnlyList<QuartierArea> FromQuartiers, IReadOnlyList<QuartierArea> ToQuartiers, IReadOnlyList<QuartierPair> Pairs,
    Completeness FromCompleteness, Completeness ToCompleteness)
{
    /// <summary>Area that left the priority geography: in <see cref="From"/> only.</summary>
    public double LeftM2 => Math.Max(0, FromAreaM2 - StayedM2);

    /// <summary>Area that entered it: in <see cref="To"/> only.</summary>
    public double EnteredM2 => Math.Max(0, ToAreaM2 - StayedM2);
}
