using System.Text.RegularExpressions;

namespace Geographie.Domain.Geography;

/// <summary>
/// One edition of the priority geography, fixed by a décret. Immutable.
/// Dates in force differ between metropolitan France and the overseas départements.
/// </summary>
/// <param name="Code">Stable identifier used on every wire: <c>qpv2024</c>, <c>qpv2015</c>.</param>
/// <param name="Decret">The décret that defines the perimeters.</param>
/// <param name="MetropoleFrom">First day in force in metropolitan France.</param>
/// <param name="MetropoleUntil">Last day in force in metropolitan France, or null while in force.</param>
/// <param name="OverseasFrom">First day in force overseas.</param>
/// <param name="OverseasUntil">Last day in force overseas, or null while in force.</param>
/// <param name="ExpectedQuartierCount">How many quartiers the décret lists (all territories).</param>
/// <param name="CodePattern">Shape of a valid quartier code of this edition.</param>
public sealed record GeographyVersion(
    string Code,
    string Decret,
    DateOnly MetropoleFrom,
    DateOnly? MetropoleUntil,
    DateOnly OverseasFrom,
    DateOnly? OverseasUntil,
    int ExpectedQuartierCount,
    Regex CodePattern)
{
    /// <summary>True when <paramref name="code"/> has the shape of a quartier code of this edition.</summary>
    public bool IsValidCode(string? code) => code is not null && CodePattern.IsMatch(code);

    /// <summary>True when this edition is in force on <paramref name="day"/> for the given territory.</summary>
    public bool IsInForce(DateOnly day, bool overseas)
    {
        var (from, until) = overseas ? (OverseasFrom, OverseasUntil) : (MetropoleFrom, MetropoleUntil);
        return day >= from && (until is null || day <= until);
    }
}
