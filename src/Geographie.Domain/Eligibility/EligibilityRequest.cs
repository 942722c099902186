namespace Geographie.Domain.Eligibility;

/// <summary>
/// One point to check, as the adapters parse it from the wire. Exactly one of WGS84 (<see cref="Lon"/>,
/// <see cref="Lat"/>) or Lambert-93 (<see cref="X"/>, <see cref="Y"/>, EPSG:2154 metres) is expected; a
/// <see cref="Geography"/> code or a <see cref="Date"/> picks the edition (default: qpv2024).
/// </summary>
public readonly record struct EligibilityRequest(
    double? Lon = null,
    double? Lat = null,
    double? X = null,
    double? Y = null,
    string? Geography = null,
    DateOnly? Date = null,
    double? NearDistanceM = null,
    double? PositionUncertaintyM = null);
