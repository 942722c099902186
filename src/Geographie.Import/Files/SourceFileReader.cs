namespace Geographie.Import.Files;

/// <summary>Opens an official file by its extension: .geojson/.json, .gpkg, .shp.</summary>
public static class SourceFileReader
{
    /// <summary>Reads <paramref name="path"/>; throws <see cref="InvalidDataException"/> for an unknown format.</summary>
    public static SourceFile Read(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".geojson" or ".json" => GeoJsonFeatureReader.Read(path),
        ".gpkg" => GeoPackageFeatureReader.Read(path),
        ".shp" => ShapefileFeatureReader.Read(path),
        var other => throw new InvalidDataException(
            $"{Path.GetFileName(path)}: unknown format '{other}' (expected .geojson, .json, .gpkg or .shp)"),
    };
}
