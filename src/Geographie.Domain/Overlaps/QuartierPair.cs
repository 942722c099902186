using Geographie.Domain.Quartiers;

namespace Geographie.Domain.Overlaps;

/// <summary>
/// A quartier of the older edition and one of the newer that share ground within the scope of an <see cref="Evolution"/>.
/// </summary>
/// <param name="From">The quartier of the older edition.</param>
/// <param name="To">The quartier of the newer edition.</param>
/// <param name="SharedM2">Area of From ∩ To within the scope, m².</param>
/// <param name="ShareOfFrom">SharedM2 / the whole area of From.</param>
/// <param name="ShareOfTo">SharedM2 / the whole area of To.</param>
public sealed record QuartierPair(Quartier From, Quartier To, double SharedM2, double ShareOfFrom, double ShareOfTo);
