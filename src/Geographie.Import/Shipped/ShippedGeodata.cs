using Geographie.Domain.Geography;

namespace Geographie.Import.Shipped;

/// <summary>
/// The real data shipped in <c>geodata/</c> (see geodata/SOURCES.md): commune outlines of the Bouches-du-Rhône and the Rhône (the Lyon 2015 perimeters lie in the latter),
/// the whole 2024 register (codes, names, communes; no perimeters), the real 2015 Lyon perimeters, the
/// Contrat de ville data (geodata/contrat) extracted from the seed documents, the collèges of the map, and a real
/// BAL address extract (geodata/addresses).
/// </summary>
public static class ShippedGeodata
{
    /// <summary>The shipped files, relative to geodata/, in import order.</summary>
    public static readonly (string Kind, string Path, GeographyVersion? Edition)[] Files =
    [
        ("communes", "admin/communes_13.geojson", null),
        ("communes", "admin/communes_69.geojson", null),
        ("register", "qpv2024/registre_qpv2024_par_commune.csv", GeographyVersions.Qpv2024),
        ("perimeters", "qpv2015/qpv2015_metropole_lyon.geojson", GeographyVersions.Qpv2015),
    ];

    /// <summary>The address files (BAL or BAN CSV), relative to geodata/, imported after <see cref="Files"/>: the real BAL extract of Mont-Bonvillers.</summary>
    public static readonly string[] AddressFiles = ["addresses/bal_54084_mont-bonvillers.csv"];

    /// <summary>The Contrat de ville data folder, relative to geodata/.</summary>
    public const string ContratFolder = "contrat";

    /// <summary>The public collèges of the Bouches-du-Rhône (the map's établissements layer), relative to geodata/.</summary>
    public const string CollegesFile = "points/colleges_publics_13.csv";

    /// <summary>The geodata/ folder: GEOGRAPHIE_GEODATA, else the nearest one above the working directory or the program.</summary>
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable("GEOGRAPHIE_GEODATA") is { Length: > 0 } configured)
        {
            return configured;
        }
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "geodata");
                if (Directory.Exists(Path.Combine(candidate, "qpv2024")))
                {
                    return candidate;
                }
            }
        }
        throw new DirectoryNotFoundException("geodata/ not found: run from the repository or set GEOGRAPHIE_GEODATA");
    }
}
