using Geographie.Import.Shipped;
using Npgsql;

namespace Geographie.Storage.Imports;

/// <summary>Imports the data shipped in <c>geodata/</c> (<see cref="ShippedGeodata"/>): what <c>load-shipped</c> runs.</summary>
public static class ShippedImport
{
    /// <summary>
    /// Imports every shipped file in order, then the addresses, then the Contrat de ville; one outcome each, in that order. Idempotent
    /// (a second run reports each unchanged). Never throws for bad content (see <see cref="GeographyImporter"/>).
    /// </summary>
    public static async Task<IReadOnlyList<ImportOutcome>> ImportAsync(NpgsqlDataSource dataSource, string geodata, CancellationToken cancellationToken)
    {
        var importer = new GeographyImporter(dataSource);
        var outcomes = new List<ImportOutcome>();
        foreach (var (kind, relative, edition) in ShippedGeodata.Files)
        {
            var path = Path.Combine(geodata, relative);
            outcomes.Add(kind switch
            {
                "communes" => await importer.ImportCommuneOutlinesAsync(path, cancellationToken),
                "register" => await importer.ImportRegisterAsync(path, edition!, cancellationToken: cancellationToken),
                _ => await importer.ImportPerimetersAsync(path, edition, cancellationToken: cancellationToken),
            });
        }
        var addresses = new AddressImporter(dataSource);
        foreach (var relative in ShippedGeodata.AddressFiles)
        {
            outcomes.Add(await addresses.ImportAsync(Path.Combine(geodata, relative), cancellationToken: cancellationToken));
        }
        outcomes.Add(await new ContratImporter(dataSource).ImportAsync(Path.Combine(geodata, ShippedGeodata.ContratFolder), cancellationToken));
        return outcomes;
    }
}
