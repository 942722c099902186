using Geographie.Domain.Quartiers;

namespace Geographie.Domain.Overlaps;

/// <summary>The part of one quartier inside the scope of an <see cref="Evolution"/>, in m², and its share of the quartier (0..1).</summary>
public sealed record QuartierArea(Quartier Quartier, double AreaM2, double ShareOfQuartier);
