using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Geographie.Domain.Contrat;
using Geographie.Domain.Geography;
using Geographie.Import.Csv;
using Geographie.Storage.Imports;
using Geographie.Storage.Reading;
using Geographie.Testing;

namespace Geographie.Storage.Tests.Contrat;

public sealed class ContratImportTests : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static readonly string Folder = Geodata.Path("contrat");
    private readonly TestDatabase _database;
    private ImportOutcome _first = null!;

    public ContratImportTests(TestDatabase database) => _database = database;

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        var importer = new GeographyImporter(_database.DataSource);
        await importer.ImportCommuneOutlinesAsync(Geodata.Path("admin/communes_13.geojson"));
        await importer.ImportRegisterAsync(Geodata.Path("qpv2024/registre_qpv2024_par_commune.csv"), GeographyVersions.Qpv2024);
        _first = await new ContratImporter(_database.DataSource).ImportAsync(Folder);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_contrat_is_stored_with_its_counts_and_a_source_on_every_record()
    {
        Assert.NotEqual(ImportStatus.Refused, _first.Status);
        Assert.Equal(10L, await _database.ScalarAsync<long>("SELECT count(*) FROM defi"));
        Assert.Equal(5L, await _database.ScalarAsync<long>("SELECT count(*) FROM orientation"));
        Assert.Equal(34L, await _database.ScalarAsync<long>("SELECT count(*) FROM projet"));
        Assert.Equal("9,10,7,5,3", await _database.ScalarAsync<string>(
            "SELECT string_agg(n::text, ',' ORDER BY o.number) FROM orientation o, LATERAL (SELECT count(*) n FROM projet p WHERE p.orientation_id = o.id) c"));
        Assert.Equal(0L, await _database.ScalarAsync<long>("""
            SELECT count(*) FROM (
                SELECT source_file, source_section FROM defi UNION ALL SELECT source_file, source_section FROM orientation
                UNION ALL SELECT source_file, source_section FROM projet UNION ALL SELECT source_file, source_section FROM chantier
                UNION ALL SELECT source_file, source_section FROM deliberation) s
            WHERE source_file NOT LIKE '00%.txt' OR length(source_section) < 3
            """));
        Assert.Equal(0L, await _database.ScalarAsync<long>(
            "SELECT count(*) FROM projet p WHERE NOT EXISTS (SELECT 1 FROM orientation o WHERE o.id = p.orientation_id)"));
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM projet_defi WHERE NOT editorial"));
        Assert.Equal("CHL-044-14656/23/BM", await _database.ScalarAsync<string>(
            "SELECT reference FROM deliberation WHERE body::text LIKE '%27%R_gion%' AND decided_on = '2023-10-12'"));
    }

    [Fact]
    public async Task Importing_the_same_folder_again_changes_nothing()
    {
        var revision = await _database.ScalarAsync<long>("SELECT revision FROM data_revision");

        var again = await new ContratImporter(_database.DataSource).ImportAsync(Folder);

        Assert.Equal(ImportStatus.Unchanged, again.Status);
        Assert.Equal(revision, await _database.ScalarAsync<long>("SELECT revision FROM data_revision"));
    }

    [Fact]
    public async Task Every_name_of_the_seed_table_resolves_to_exactly_one_register_code_in_its_commune()
    {
        var register = RegisterRows();
        var contrat = (await new StoredDataReader(_database.DataSource).ReadAsync()).Contrat;
        var metropole = register.Where(r => r.InMetropole).Select(r => r.Code).ToHashSet();

        Assert.Equal(66, contrat.Territoires.Quartiers.Count);
        foreach (var line in contrat.Territoires.Quartiers)
        {
            var candidates = register
                .Where(r => r.Insee == line.InseeCom && Normalize(r.Name) == Normalize(line.SeedName))
                .Select(r => r.Code).Distinct().ToArray();
            Assert.True(candidates.Length == 1, $"{line.SeedName} ({line.Commune}) matches {candidates.Length} register codes: {string.Join(", ", candidates)}");
            Assert.Equal(candidates[0], line.Code);
        }
        Assert.Equal(metropole.Order(), contrat.Territoires.Quartiers.Select(q => q.Code).Order());
        Assert.Contains(contrat.Territoires.Quartiers, q => q.Code == "QN08406M" && q.InseeCom == "84089");
        Assert.Equal(["13028", "13041"], contrat.Territoires.TerritoiresAEnjeux.Select(t => t.InseeCom).Order());
    }

    [Fact]
    public async Task Scopes_resolve_to_quartiers()
    {
        var data = await new StoredDataReader(_database.DataSource).ReadAsync();
        var contrat = data.Contrat;
        var quartiers = data.Quartiers.Where(q => q.Version == "qpv2024").ToArray();
        var metropoleWide = contrat.Projets.First(p => p.Scope.Kind == ProjetScopeKind.Metropole);

        var reached = quartiers.Where(q => contrat.ProjetsReaching(q).Contains(metropoleWide)).Select(q => q.Code).ToArray();

        Assert.Equal(66, reached.Length);
        Assert.Equal(contrat.Territoires.Quartiers.Select(q => q.Code).Order(), reached.Order());
        var productifs = contrat.Deliberations.Single(d => d.Reference == "CHL-025-11372/22/BM");
        foreach (var (code, name) in new[] { ("QN01315M", "Encagnane"), ("QN01319I", "Le Charrel"), ("QN01344M", "Frais Vallon") })
        {
            var quartier = quartiers.Single(q => q.Code == code);
            Assert.Equal(name, quartier.Name);
            Assert.Contains(productifs, contrat.DeliberationsReaching(quartier));
        }
        var lyon = new Domain.Quartiers.Quartier("qpv2015", "QP069026", "Prainet", "69", null, null);
        Assert.Empty(contrat.ProjetsReaching(lyon));
    }

    [Theory]
    [InlineData("unknown QPV code", "unknown QPV code 'QN01399Z'")]
    [InlineData("unknown orientation", "unknown orientation 'orientation-9'")]
    [InlineData("missing source", "missing source")]
    public async Task A_bad_record_makes_the_import_refused_naming_it(string breakage, string expected)
    {
        var before = await _database.ScalarAsync<string>("SELECT md5(string_agg(body::text, '' ORDER BY id)) FROM projet");
        var folder = Directory.CreateTempSubdirectory("geographie-contrat-").FullName;
        foreach (var file in Directory.GetFiles(Folder, "*.json"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
        var projets = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "projets.json")))!.AsArray();
        var projet = projets[7]!;
        var id = projet["id"]!.GetValue<string>();
        switch (breakage)
        {
            case "unknown QPV code":
                projet["scope"] = JsonNode.Parse("""{"kind":"quartiers","communes":[],"quartiers":["QN01399Z"],"basis":"test","source":{"file":"004_f0f173edbdce6082.txt","section":"x"}}""");
                break;
            case "unknown orientation":
                projet["orientationId"] = "orientation-9";
                break;
            default:
                projet["source"]!["section"] = "";
                break;
        }
        File.WriteAllText(Path.Combine(folder, "projets.json"), projets.ToJsonString(), Encoding.UTF8);

        var outcome = await new ContratImporter(_database.DataSource).ImportAsync(folder);

        Assert.Equal(ImportStatus.Refused, outcome.Status);
        Assert.Contains(outcome.Problems, p => p.StartsWith(id + ":", StringComparison.Ordinal) && p.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(before, await _database.ScalarAsync<string>("SELECT md5(string_agg(body::text, '' ORDER BY id)) FROM projet"));
    }

    private sealed record RegisterRow(string Code, string Name, string Insee, bool InMetropole);

    private static List<RegisterRow> RegisterRows()
    {
        using var csv = CsvRowReader.Open(new StreamReader(Geodata.Path("qpv2024/registre_qpv2024_bouches_du_rhone_et_pertuis.csv")), out _);
        var rows = new List<RegisterRow>();
        while (csv.ReadRow() is { } row)
        {
            rows.Add(new RegisterRow(row[0], row[1], row[2], row[4] == "yes"));
        }
        return rows;
    }

    // The matching rule of geodata/contrat/MATCHING.md: case, accents, hyphens and apostrophes, leading articles.
    private static string Normalize(string name)
    {
        var decomposed = name.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var letters = new string(decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray());
        var words = letters.Replace('-', ' ').Replace('\'', ' ').Replace('’', ' ')
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w is not ("le" or "la" or "les" or "l" or "de" or "du" or "des" or "d"));
        return string.Join(' ', words);
    }
}
