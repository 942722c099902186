namespace Geographie.Import.Files;

/// <summary>The features of one file, with the EPSG code of its coordinates (4326 or 2154).</summary>
public sealed record SourceFile(string Path, string Format, int Srid, IReadOnlyList<SourceFeature> Features);
