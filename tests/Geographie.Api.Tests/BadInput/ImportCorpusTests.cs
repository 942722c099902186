using Geographie.Api.Cli;
using Geographie.Api.Data;
using Geographie.Domain.Geography;
using Geographie.Storage.Imports;
using Microsoft.Extensions.DependencyInjection;
using static Geographie.Api.Tests.BadInput.ImportCases;

namespace Geographie.Api.Tests.BadInput;

/// <summary>
/// The import and command-line part of the bad-input corpus, against the corpus's own database holding the
/// shipped data. Each bad file is refused through the importer classes with 0 data changed (every table but the
/// audit compared before and after); each bad command line gets its exit code (2 bad usage, 1 refused), never an
/// exception; and after each, the service reloads from the database and still answers the known point right.
/// </summary>
[Collection(CorpusCollection.Name)]
public sealed class ImportCorpusTests(CorpusApp app)
{
    private static readonly string[] Tables =
    [
        "geography_version", "commune", "quartier", "quartier_commune", "data_revision", "orientation", "defi", "projet",
        "projet_defi", "projet_scope", "chantier", "deliberation", "deliberation_territory", "contrat_quartier", "contrat_territoires",
    ];

    public static TheoryData<string> ImportNames => new(All.Keys);

    public static TheoryData<string> CommandNames => new(Commands.Keys);

    /// <summary>Command lines and their exit codes; {bad} is a file every import refuses, {missing} one that does not exist (bad usage).</summary>
    internal static readonly Dictionary<string, (string[] Args, int Exit)> Commands = new()
    {
        ["import without FILE"] = (["import"], 2),
        ["import --edition without value"] = (["import", "{bad}", "--edition"], 2),
        ["import --edition qpv1999"] = (["import", "{bad}", "--edition", "qpv1999"], 2),
        ["import unknown option"] = (["import", "{bad}", "--bogus"], 2),
        ["import two files"] = (["import", "{bad}", "{bad}"], 2),
        ["import-register without FILE"] = (["import-register"], 2),
        ["import-register --edition x"] = (["import-register", "{bad}", "--edition", "x"], 2),
        ["import-communes without FILE"] = (["import-communes"], 2),
        ["fetch-official --url ftp"] = (["fetch-official", "--url", "ftp://example.org/x.zip"], 2),
        ["fetch-official --url relative"] = (["fetch-official", "--url", "x.zip"], 2),
        ["fetch-official --catalogue without value"] = (["fetch-official", "--catalogue"], 2),
        ["fetch-official --expect-metropolitan -1"] = (["fetch-official", "--expect-metropolitan", "-1"], 2),
        ["fetch-official --expect-metropolitan abc"] = (["fetch-official", "--expect-metropolitan", "abc"], 2),
        ["migrate unknown option"] = (["migrate", "--force"], 2),
        ["load-shipped two folders"] = (["load-shipped", "a", "b"], 2),
        ["import missing file"] = (["import", "{missing}"], 2),
        ["import bad file"] = (["import", "{bad}"], 1),
        ["import bad file as qpv2015"] = (["import", "{bad}", "--edition", "qpv2015"], 1),
        ["import-register missing file"] = (["import-register", "{missing}"], 2),
        ["import-register bad file"] = (["import-register", "{bad}"], 1),
        ["import-communes missing file"] = (["import-communes", "{missing}"], 2),
        ["import-communes bad file"] = (["import-communes", "{bad}"], 1),
        ["import-contrat missing folder"] = (["import-contrat", "{missing}"], 1),
        ["import-contrat a file"] = (["import-contrat", "{bad}"], 1),
        ["migrate on an unreachable database"] = (["migrate", "{unreachable}"], 1),
        ["import on an unreachable database"] = (["import", "{bad}", "{unreachable}"], 1),
    };

    [Theory]
    [MemberData(nameof(ImportNames))]
    public async Task A_bad_file_is_refused_and_changes_no_data(string name)
    {
        var c = All[name];
        var before = await FingerprintAsync();
        var importer = new GeographyImporter(app.Database.DataSource);
        var outcome = c.Kind switch
        {
            Kind.Perimeters => await importer.ImportPerimetersAsync(c.Path, GeographyVersions.Qpv2015),
            Kind.Register => await importer.ImportRegisterAsync(c.Path, GeographyVersions.Qpv2024),
            Kind.Communes => await importer.ImportCommuneOutlinesAsync(c.Path),
            _ => await new ContratImporter(app.Database.DataSource).ImportAsync(c.Path),
        };

        Assert.True(outcome.Status == ImportStatus.Refused, $"{name}: {outcome.Describe()}");
        Assert.NotEmpty(outcome.Problems);
        Assert.Equal(before, await FingerprintAsync());
        await ReloadAndCheckAsync(name);
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public async Task A_bad_command_line_gets_its_exit_code_never_an_exception(string name)
    {
        var (template, exit) = Commands[name];
        var bad = All["geojson not json"].Path;
        var unreachable = template.Contains("{unreachable}");
        var args = template.Where(a => a != "{unreachable}")
            .Select(a => a.Replace("{bad}", bad, StringComparison.Ordinal).Replace("{missing}", bad + ".missing", StringComparison.Ordinal))
            .ToArray();
        var connection = unreachable ? "Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x;Timeout=2" : app.Database.ConnectionString;
        var before = await FingerprintAsync();
        using var output = new StringWriter();

        var code = await CommandLine.RunAsync(args, output, CancellationToken.None, connection);

        Assert.True(code == exit, $"{name}: exit {code}, expected {exit}: {output}");
        Assert.False(string.IsNullOrWhiteSpace(output.ToString()));
        Assert.DoesNotContain("   at ", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await FingerprintAsync());
        await ReloadAndCheckAsync(name);
    }

    private async Task ReloadAndCheckAsync(string name)
    {
        await app.Factory.Services.GetRequiredService<SnapshotRefresher>().RefreshAsync(CancellationToken.None);
        await app.AssertStillRightAsync(name);
    }

    private async Task<string> FingerprintAsync()
    {
        var parts = new List<string>();
        foreach (var table in Tables)
        {
            parts.Add(await app.Database.ScalarAsync<string>($"SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {table} t"));
        }
        return string.Join(',', parts);
    }
}
