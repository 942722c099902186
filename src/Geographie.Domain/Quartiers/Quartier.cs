using NetTopologySuite.Geometries;

namespace Geographie.Domain.Quartiers;

/// <summary>
/// A quartier prioritaire of one geography edition. Immutable.
/// <see cref="Perimeter"/> is null when only the register is known (the official perimeters are not loaded):
/// callers must then answer "unknown", never "outside".
/// </summary>
/// <param name="Version">Edition code (<c>qpv2024</c>, <c>qpv2015</c>).</param>
/// <param name="Code">Official code (QN01344M, QP069026).</param>
/// <param name="Name">Official name.</param>
/// <param name="Departement">Département code (13, 2A, 971).</param>
/// <param name="Perimeter">MultiPolygon in WGS84 (EPSG:4326), or null.</param>
/// <param name="AreaM2">Area in m² computed in the territory's metric CRS (Lambert-93 in metropolitan France), or null.</param>
public sealed record Quartier(
    string Version,
    string Code,
    string Name,
    string Departement,
    MultiPolygon? Perimeter,
    double? AreaM2)
{
    /// <summary>Communes the quartier spans, in the register's order.</summary>
    public IReadOnlyList<CommuneRef> Communes { get; init; } = [];

    /// <summary>True when the official perimeter is loaded.</summary>
    public bool HasPerimeter => Perimeter is not null;
}
