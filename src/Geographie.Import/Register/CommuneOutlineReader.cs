using Geographie.Import.Files;
using NetTopologySuite.Geometries;

namespace Geographie.Import.Register;

/// <summary>
/// Reads commune outlines from a GeoJSON file with <c>code</c> and <c>nom</c> properties (IGN Admin Express
/// as redistributed by france-geojson). Throws <see cref="InvalidDataException"/> naming the first bad feature.
/// </summary>
public static class CommuneOutlineReader
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    /// <summary>Reads every commune of <paramref name="path"/>.</summary>
    public static IReadOnlyList<CommuneOutline> Read(string path)
    {
        var file = GeoJsonFeatureReader.Read(path);
        return file.Features.Select(f =>
        {
            var insee = f.Attribute("code", "insee_com", "INSEE_COM");
            var name = f.Attribute("nom", "lib_com", "NOM_COM");
            if (insee is not { Length: 5 } || name is null || f.Geometry is not (Polygon or MultiPolygon) || !f.Geometry.IsValid)
            {
                throw new InvalidDataException(
                    $"{Path.GetFileName(path)} feature #{f.Index}: a commune needs a 5-character code, a name and a valid polygon ({f.GeometryError ?? "geometry checked"}).");
            }
            var outline = f.Geometry as MultiPolygon ?? Wgs84.CreateMultiPolygon([(Polygon)f.Geometry]);
            outline.SRID = 4326;
            return new CommuneOutline(insee, name, outline);
        }).ToArray();
    }
}
