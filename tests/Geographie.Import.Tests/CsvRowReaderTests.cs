using Geographie.Import.Csv;

namespace Geographie.Import.Tests;

public sealed class CsvRowReaderTests
{
    private static readonly CsvLimits Small = new(MaxFieldChars: 16, MaxRowChars: 64);

    /// <summary>Every row of <paramref name="text"/> as its fields, or as "!line: problem" when it cannot be read.</summary>
    private static async Task<List<string>> ReadAllAsync(string text, CsvLimits limits)
    {
        var (csv, header) = await CsvRowReader.OpenAsync(new StringReader(text), CancellationToken.None, limits);
        using var _ = csv;
        var rows = new List<string> { string.Join('|', header!) };
        while (true)
        {
            try
            {
                if (await csv.ReadRowAsync(CancellationToken.None) is not { } row)
                {
                    return rows;
                }
                rows.Add(string.Join('|', row));
            }
            catch (CsvRowException broken)
            {
                rows.Add($"!{broken.LineNumber}: {broken.Problem}");
            }
        }
    }

    [Fact]
    public async Task A_quote_never_closed_costs_its_row_only_and_the_rows_after_it_are_read()
    {
        var rows = await ReadAllAsync("id,lon\n1,4.9\n\"2,4.8\n3,4.7\n4,4.6\n", CsvLimits.Default);

        Assert.Equal(["id|lon", "1|4.9", "!3: a quoted field is not closed before the end of the input", "3|4.7", "4|4.6"], rows);
    }

    [Fact]
    public async Task A_quote_left_open_beyond_the_row_limit_is_given_up_there_and_reading_resumes_on_the_next_line()
    {
        var lines = Enumerable.Range(10, 20).Select(i => $"{i},4.{i}").ToList();
        var rows = await ReadAllAsync("id,lon\n\"1,4.9\n" + string.Join('\n', lines) + "\n", Small);

        Assert.StartsWith("!2: a quoted field is", rows[1], StringComparison.Ordinal);
        Assert.Equal(lines.Select(l => l.Replace(',', '|')), rows.Skip(2));
    }

    [Fact]
    public async Task A_line_or_a_field_beyond_the_limits_is_reported_with_its_line_and_skipped()
    {
        var rows = await ReadAllAsync($"id,lon\n1,4.9\n{new string('x', 500)},4.8\n\"{new string('y', 20)}\",4.7\n5,4.6\n", Small);

        Assert.Equal(["id|lon", "1|4.9", "!3: the line is longer than 64 characters; it was skipped",
            "!4: a quoted field is longer than 16 characters (is a quote left open?)", "5|4.6"], rows);
    }

    [Fact]
    public async Task Quoted_fields_spanning_lines_doubled_quotes_CRLF_and_blank_lines_still_read_as_RFC_4180_says()
    {
        var rows = await ReadAllAsync("id;name\r\n1;\"a\r\nb\"\r\n\r\n2;\"say \"\"hi\"\"\"\r\n", CsvLimits.Default);

        Assert.Equal(["id|name", "1|a\nb", "2|say \"hi\""], rows);
    }

    [Fact]
    public async Task Rows_without_quotes_keep_their_empty_fields_and_a_bare_field_beyond_the_limit_is_reported_with_its_line()
    {
        var rows = await ReadAllAsync($"id,lon,lat\n1,,4.9\n,,\n{new string('z', 17)},4.8,45.7\n2,4.7,\n", Small);

        Assert.Equal(["id|lon|lat", "1||4.9", "||", "!4: a field is longer than 16 characters", "2|4.7|"], rows);
    }

    [Fact]
    public void A_header_beyond_the_row_limit_cannot_be_opened()
    {
        var error = Assert.Throws<CsvRowException>(() => CsvRowReader.Open(new StringReader(new string('h', 100) + "\n1\n"), out _, Small));

        Assert.Equal(1, error.LineNumber);
    }
}
