namespace Geographie.Addresses;

/// <summary>
/// The address a query was matched to: its label and identifier, the score in [0, 1], how precise it is, the
/// WGS84 point to test, and <see cref="ExtentM"/>, how far the true address may lie from that point when the match
/// is not an exact house number (the street's or the commune's extent). Immutable.
/// </summary>
public sealed record AddressMatch(string Label, string? Id, double Score, AddressMatchType Type, double Lon, double Lat, double ExtentM)
{
    /// <summary>The default score below which a match is not trusted (the figure les emplois de l'inclusion settled on).</summary>
    public const double DefaultThreshold = 0.8;

    /// <summary>
    /// The radius in metres within which a QPV boundary makes the answer UNCERTAIN: 0 for a house number scored at
    /// or above <paramref name="threshold"/>, else <see cref="ExtentM"/>.
    /// </summary>
    public double PlausibleErrorM(double threshold) => Type == AddressMatchType.HouseNumber && Score >= threshold ? 0 : ExtentM;
}
