using Geographie.Domain.Quartiers;
using NetTopologySuite.Geometries;

namespace Geographie.Import.Editions;

/// <summary>
/// A quartier read from an official file and validated: its perimeter is a valid MultiPolygon in WGS84
/// (EPSG:4326). <see cref="Index"/> is the feature's 0-based position in the file, for messages.
/// </summary>
public sealed record QuartierFeature(
    int Index,
    string Code,
    string Name,
    IReadOnlyList<CommuneRef> Communes,
    string Departement,
    MultiPolygon Perimeter);
