using System.Text;
using Geographie.Import.Csv;

namespace Geographie.Import.Tests;

public sealed class CsvDialectTests
{
    [Fact]
    public void Metres_are_written_as_the_millimetre_format_writes_them_in_every_dialect()
    {
        // Distances as answers give them (rounded to the millimetre), the edges of the fraction, and values that are not
        // whole millimetres, which take the formatter's road.
        var random = new Random(20261202);
        var values = Enumerable.Range(0, 20_000).Select(_ => Math.Round(random.NextDouble() * Math.Pow(10, random.Next(0, 8)), 3))
            .Concat([0, 0.001, 0.01, 0.1, 0.5, 0.999, 1, 9.99, 10, 300, 4999.999, 5000, 10000.5, 123456789.012, 0.0004, 1.23456, 1e16, -0.0, -2.5])
            .ToList();
        foreach (var dialect in CsvDialect.All)
        {
            var utf8 = new byte[CsvDialect.MaxMetresBytes];
            foreach (var value in values)
            {
                var written = dialect.FormatMetres(value, utf8);
                Assert.Equal(dialect.Number(value, "0.###"), Encoding.ASCII.GetString(utf8, 0, written));
            }
        }
    }
}
