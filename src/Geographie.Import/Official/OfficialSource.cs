namespace Geographie.Import.Official;

/// <summary>
/// Where the official ANCT archive comes from and what it must contain to be trusted.
/// </summary>
/// <param name="CatalogueUrl">data.gouv.fr API page of the dataset; its resources are searched for <paramref name="ResourceHint"/>.</param>
/// <param name="ArchiveUrl">A direct archive URL; when set, the catalogue is not asked.</param>
/// <param name="ResourceHint">Text the wanted resource's URL or title contains (case-insensitive).</param>
/// <param name="ExpectedMetropolitan">How many metropolitan quartiers the décret lists.</param>
/// <param name="Tolerance">Accepted relative difference to <paramref name="ExpectedMetropolitan"/> (official files get corrections).</param>
/// <param name="Timeout">Overall time allowed for the download.</param>
public sealed record OfficialSource(
    Uri CatalogueUrl,
    Uri? ArchiveUrl,
    string ResourceHint,
    int ExpectedMetropolitan,
    double Tolerance,
    TimeSpan Timeout)
{
    /// <summary>The ANCT 2024 perimeters (décret 2023-1314) on data.gouv.fr: 1,362 QPV in metropolitan France.</summary>
    public static OfficialSource Qpv2024 { get; } = new(
        new Uri("https://www.data.gouv.fr/api/1/datasets/quartiers-prioritaires-de-la-politique-de-la-ville-qpv/"),
        null,
        "QP2024",
        1362,
        0.02,
        TimeSpan.FromMinutes(5));
}
