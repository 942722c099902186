using System.Diagnostics.Metrics;
using Geographie.Addresses;
using Geographie.Api.Addresses;
using Geographie.Import.Addresses;
using Geographie.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Geographie.Api.Tests.Addresses;

/// <summary>The geocoding metric: every address counted by outcome, over the built-in index of the real Mont-Bonvillers BAL.</summary>
public sealed class MeteredGeocoderTests
{
    [Fact]
    public async Task Every_address_is_counted_by_geocoder_and_outcome()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var index = new AddressIndex(AddressFileReader.Read(Geodata.Path("addresses/bal_54084_mont-bonvillers.csv"), out _));
        var geocoder = new MeteredGeocoder(index, "builtin", meters);
        AddressQuery[] queries = [new("1 rue Joffre Mont-Bonvillers"), new("2 rue Joffre Mont-Bonvillers"), new("rue Joffre Mont-Bonvillers"),
            new(City: "Mont-Bonvillers"), new("12 avenue des Champs-Elysees 75008 Paris"), new(" ")];
        foreach (var query in queries)
        {
            await geocoder.GeocodeAsync(query, CancellationToken.None);
        }

        var counted = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this test's meter: other hosts of the test run publish the same instrument name.
            if (instrument.Meter.Scope == meters && instrument.Name == "geographie.addresses.geocoded")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var labels = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
            Assert.Equal("builtin", labels["geocoder"]);
            counted[(string)labels["outcome"]!] = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.Equal(new Dictionary<string, long> { ["housenumber"] = 2, ["street"] = 1, ["locality"] = 1, ["not_found"] = 1, ["unusable"] = 1 }, counted);
    }
}
