using System.Globalization;
using Geographie.Import.Files;
using Geographie.Import.Shipped;

namespace Geographie.Api.Tests.Http;

/// <summary>
/// The number fields of the REST requests and CSV rows read plain decimals directly: the value must be the one
/// <c>double.TryParse</c> gives, bit for bit, for every text.
/// </summary>
public sealed class NumberFieldTests
{
    [Fact]
    public void Every_text_reads_as_double_TryParse_reads_it_bit_for_bit()
    {
        // Every vertex of the shipped Lyon perimeters, as clients write coordinates (6 decimals, round-trip, Lambert-93
        // metres), random decimals of every length, and the texts that must take double.TryParse's road.
        var vertices = GeoJsonFeatureReader.Read(Path.Combine(ShippedGeodata.Find(), "qpv2015/qpv2015_metropole_lyon.geojson")).Features
            .SelectMany(f => f.Geometry!.Coordinates).SelectMany(c => new[] { c.X, c.Y }).ToList();
        var random = new Random(20261202);
        var texts = vertices.SelectMany(v => new[]
            {
                v.ToString("F6", CultureInfo.InvariantCulture), v.ToString("R", CultureInfo.InvariantCulture),
                (-v).ToString("F6", CultureInfo.InvariantCulture), (v * 100_000).ToString("F2", CultureInfo.InvariantCulture),
            })
            .Concat(Enumerable.Range(0, 20_000).Select(_ =>
                (random.NextDouble() * Math.Pow(10, random.Next(-3, 12))).ToString("F" + random.Next(0, 16), CultureInfo.InvariantCulture)))
            .Concat(["0", "-0", ".5", "-.5", "5.", "007.50", "300", "10000", "999999999999999", "9999999999999999", "0.1234567890123456",
                " 4.5", "4.5 ", "+4.5", "1e3", "1E-3", "NaN", "Infinity", "-", ".", "", "abc", "4.5.6", "4,5", "--4", "0x10"])
            .ToList();
        Assert.True(vertices.Count > 1_000, "the shipped perimeters must give real coordinates to test");
        foreach (var text in texts)
        {
            var expectedRead = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var expected);

            var read = Geographie.Api.Http.EligibilityQuery.TryParseNumber(text, out var value);

            Assert.True(expectedRead == read, $"\"{text}\": read {read}, double.TryParse {expectedRead}");
            Assert.True(!read || BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value),
                $"\"{text}\": {value:R}, double.TryParse {expected:R}");
        }
    }
}
