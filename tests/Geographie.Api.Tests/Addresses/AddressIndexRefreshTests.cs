using Geographie.Api.Addresses;
using Geographie.Storage.Imports;
using Geographie.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Geographie.Api.Tests.Addresses;

/// <summary>The built-in address index is rebuilt when the addresses change, not on every data revision.</summary>
public sealed class AddressIndexRefreshTests : IClassFixture<GeographieApp>
{
    private readonly GeographieApp _app;

    public AddressIndexRefreshTests(GeographieApp app) => _app = app;

    [Fact]
    public async Task The_address_index_is_rebuilt_when_the_addresses_change_and_only_then()
    {
        var state = _app.Factory.Services.GetRequiredService<AddressState>();
        var loaded = state.Current;
        Assert.True(loaded.Count > 400);

        // The data revision moves with no address import (what a perimeter import does): the index stays.
        await using (var bump = _app.Database.DataSource.CreateCommand("UPDATE data_revision SET revision = revision + 1"))
        {
            await bump.ExecuteNonQueryAsync();
        }
        await _app.RefreshAsync();
        Assert.Same(loaded, state.Current);

        // A test-only copy of the real BAL without its last address, imported: the index is rebuilt from it.
        var path = Path.Combine(Path.GetTempPath(), $"test-bal-54084-minus-one-{Guid.NewGuid():N}.csv");
        var lines = (await File.ReadAllLinesAsync(Geodata.Path("addresses/bal_54084_mont-bonvillers.csv"))).Where(l => l.Length > 0).ToArray();
        await File.WriteAllLinesAsync(path, lines[..^1]);
        try
        {
            Assert.Equal(ImportStatus.Applied, (await new AddressImporter(_app.Database.DataSource).ImportAsync(path)).Status);
        }
        finally
        {
            File.Delete(path);
        }
        await _app.RefreshAsync();
        Assert.NotSame(loaded, state.Current);
        Assert.Equal(loaded.Count - 1, state.Current.Count);
    }
}
