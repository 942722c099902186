using Geographie.Storage.Imports;
using Npgsql;

namespace Geographie.Api.Cli;

/// <summary>The <c>load-shipped</c> verb: imports the data shipped in <c>geodata/</c> (see <see cref="ShippedImport"/>), one line per file.</summary>
public static class ShippedData
{
    /// <summary>Imports every shipped file; idempotent (a second run reports each file unchanged).</summary>
    public static async Task<int> LoadAsync(NpgsqlDataSource dataSource, string geodata, TextWriter output, CancellationToken cancellationToken)
    {
        var exit = 0;
        foreach (var outcome in await ShippedImport.ImportAsync(dataSource, geodata, cancellationToken))
        {
            exit = Math.Max(exit, CommandLine.Report(output, outcome));
        }
        return exit;
    }
}
