using System.Globalization;
using System.Text;
using System.Text.Json;
using Geographie.Api.Http;
using Geographie.Api.Http.Overlaps;
using Geographie.Testing;

namespace Geographie.Api.Tests.Overlaps;

/// <summary>
/// A zone's coordinates are read directly when they are plain decimals: every number must be the one
/// <see cref="Utf8JsonReader.GetDouble"/> gives, bit for bit.
/// </summary>
public sealed class ZoneNumberTests
{
    [Fact]
    public void Every_number_of_the_shipped_zone_files_reads_as_GetDouble_reads_it_bit_for_bit()
    {
        // The coordinates exactly as written in the shipped IRIS and commune files, the bodies analysts post.
        var numbers = 0;
        foreach (var file in new[] { "admin/iris_13.geojson", "admin/communes_69.geojson" })
        {
            var reader = new Utf8JsonReader(File.ReadAllBytes(Geodata.Path(file)));
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.Number)
                {
                    AssertSameBits(reader.GetDouble(), ZoneJson.Number(ref reader), Encoding.UTF8.GetString(reader.ValueSpan));
                    numbers++;
                }
            }
        }

        Assert.True(numbers > 100_000, $"the shipped zone files must give real coordinates to test; {numbers} numbers");
    }

    [Fact]
    public void Random_decimals_and_the_numbers_that_take_GetDouble_s_road_read_as_GetDouble_reads_them()
    {
        var random = new Random(20261202);
        var texts = Enumerable.Range(0, 20_000)
            .Select(_ => (random.NextDouble() * Math.Pow(10, random.Next(-3, 12)) * (random.Next(2) == 0 ? -1 : 1))
                .ToString("F" + random.Next(0, 18), CultureInfo.InvariantCulture))
            .Concat(["0", "-0", "-0.0", "0.5", "300", "10000", "999999999999999", "9999999999999999", "0.1234567890123456",
                "12345678901234567890", "1e3", "1E-3", "-2.5e+2", "5.000000000000000000001", "4.9406564584124654e-324"])
            .ToList();
        foreach (var text in texts)
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes($"[{text}]"));
            reader.Read();
            reader.Read();
            AssertSameBits(reader.GetDouble(), ZoneJson.Number(ref reader), text);
        }
    }

    [Fact]
    public void Positions_the_one_pass_scan_reads_hold_the_numbers_GetDouble_reads_bit_for_bit()
    {
        var random = new Random(20261203);
        var texts = Enumerable.Range(0, 20_000)
            .Select(_ => (random.NextDouble() * Math.Pow(10, random.Next(-3, 12)) * (random.Next(2) == 0 ? -1 : 1))
                .ToString("F" + random.Next(0, 18), CultureInfo.InvariantCulture))
            .Concat(["0", "-0", "0.5", "300", "999999999999999", "9999999999999999", "0.000000000000001", "0.0000000000000001", "1e3", "-2.5E+2"])
            .ToList();
        var read = 0;
        foreach (var text in texts)
        {
            // As the shipped IRIS file writes a position, and minified.
            foreach (var position in new[] { $"[ {text}, {text} ] ]", $"[{text},{text}]]" })
            {
                var bytes = Encoding.UTF8.GetBytes(position);
                var cursor = new FeatureScanner.Cursor(bytes, 0, 0, 0);
                if (!cursor.PlainPosition(out var x, out var y))
                {
                    // Left to the careful road: only numbers PlainDecimal does not read (more digits, exponents).
                    Assert.False(PlainDecimal.TryRead(Encoding.UTF8.GetBytes(text), out _) && !text.Contains('e', StringComparison.OrdinalIgnoreCase), text);
                    continue;
                }

                var reader = new Utf8JsonReader(bytes);
                reader.Read();
                reader.Read();
                AssertSameBits(reader.GetDouble(), x, text);
                AssertSameBits(reader.GetDouble(), y, text);
                read++;
            }
        }

        Assert.True(read > 20_000, $"{read} positions read by the scan");
    }

    private static void AssertSameBits(double expected, double actual, string text) =>
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), $"\"{text}\": {actual:R}, GetDouble {expected:R}");
}
