using Geographie.Addresses;

namespace Geographie.Api.Addresses;

/// <summary>Settings of address input (section <c>Geographie:Geocoder</c>; environment <c>Geographie__Geocoder__X</c>).</summary>
public sealed class GeocoderOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Geographie:Geocoder";

    /// <summary>
    /// Below this score (0–1) a match is not trusted: the answer becomes UNCERTAIN when a QPV boundary lies within
    /// the match's extent (see docs/addresses.md). Default 0.8, the figure les emplois de l'inclusion settled on.
    /// </summary>
    public double Threshold { get; set; } = AddressMatch.DefaultThreshold;
}
