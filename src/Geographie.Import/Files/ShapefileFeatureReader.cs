using System.Globalization;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;

namespace Geographie.Import.Files;

/// <summary>
/// Reads an Esri Shapefile (.shp with its .dbf, optional .prj and .cpg). The CRS comes from the .prj:
/// Lambert-93 when it names it, WGS84 otherwise. Attributes are decoded with <see cref="DbfEncoding"/>.
/// </summary>
public static class ShapefileFeatureReader
{
    /// <summary>Reads <paramref name="path"/> (the .shp file).</summary>
    public static SourceFile Read(string path)
    {
        var options = new ShapefileReaderOptions { Encoding = DbfEncoding.Of(path) };
        using var reader = Shapefile.OpenRead(path, options);
        var features = new List<SourceFeature>();
        while (reader.Read(out var deleted))
        {
            if (deleted)
            {
                continue;
            }
            var attributes = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var field in reader.Fields)
            {
                attributes[field.Name] = field.Value is null ? null : Convert.ToString(field.Value, CultureInfo.InvariantCulture);
            }
            var geometry = reader.Geometry;
            var empty = geometry is null || geometry.IsEmpty;
            features.Add(new SourceFeature(features.Count, attributes, empty ? null : geometry, empty ? "the feature has no geometry" : null));
        }
        var prj = Path.ChangeExtension(path, ".prj");
        var srid = File.Exists(prj) && Projection.Lambert93.IsLambert93Wkt(File.ReadAllText(prj)) ? Projection.Lambert93.Srid : 4326;
        return new SourceFile(path, "Shapefile", srid, features);
    }

}
