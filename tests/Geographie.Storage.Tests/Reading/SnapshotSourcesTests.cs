using Geographie.Import.Shipped;
using Geographie.Storage.Imports;
using Geographie.Storage.Reading;
using Geographie.Testing;

namespace Geographie.Storage.Tests.Reading;

/// <summary>
/// The two sides of the snapshot seam agree: what PostGIS holds after importing the shipped files is what
/// <see cref="ShippedFilesSource"/> reads from them without a database, so the fast tier tests the service's data.
/// </summary>
public sealed class SnapshotSourcesTests : IClassFixture<TestDatabase>
{
    private readonly TestDatabase _database;

    public SnapshotSourcesTests(TestDatabase database) => _database = database;

    [Fact]
    public async Task The_shipped_files_read_in_memory_equal_what_PostGIS_holds_after_load_shipped()
    {
        await _database.MigrateAsync();
        var outcomes = await ShippedImport.ImportAsync(_database.DataSource, Geodata.Path(""), CancellationToken.None);
        Assert.DoesNotContain(outcomes, o => o.Status == ImportStatus.Refused);

        var stored = await new StoredDataReader(_database.DataSource).ReadAsync();
        var files = await new ShippedFilesSource(Geodata.Path("")).ReadAsync();

        Assert.Equal(stored.Quartiers.Select(q => (q.Version, q.Code, q.Name, q.Departement)), files.Quartiers.Select(q => (q.Version, q.Code, q.Name, q.Departement)));
        foreach (var (db, file) in stored.Quartiers.Zip(files.Quartiers))
        {
            Assert.Equal(db.Communes, file.Communes);
            Assert.Equal(db.Perimeter is null, file.Perimeter is null);
            if (db.Perimeter is not null)
            {
                Assert.True(db.Perimeter.EqualsExact(file.Perimeter!), db.Code);
                // PROJ in PostGIS, the in-process projection here: the same area to a millionth.
                Assert.InRange(file.AreaM2!.Value, db.AreaM2!.Value * (1 - 1e-6), db.AreaM2.Value * (1 + 1e-6));
            }
        }
        Assert.Equal(stored.Communes.Select(c => (c.Insee, c.Name, c.Departement, c.Outline is null)),
            files.Communes.Select(c => (c.Insee, c.Name, c.Departement, c.Outline is null)));
        Assert.Equal(stored.Contrat.Projets.Select(p => p.Id), files.Contrat.Projets.Select(p => p.Id));
        Assert.Equal(stored.Contrat.Defis.Select(d => d.Id), files.Contrat.Defis.Select(d => d.Id));
        Assert.Equal(stored.Contrat.Territoires.Quartiers.Count, files.Contrat.Territoires.Quartiers.Count);
    }
}
