using NetTopologySuite.Geometries;

namespace Geographie.Domain.Quartiers;

/// <summary>A commune of the register or of the shipped outlines. <see cref="Outline"/> is null when not shipped.</summary>
public sealed record Commune(string Insee, string Name, string Departement, MultiPolygon? Outline);
