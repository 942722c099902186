using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Geographie.Api.Tests.Eligibility;

namespace Geographie.Api.Tests.Csv;

/// <summary>
/// A large CSV batch (more than two chunks of the answering pipeline, sent in odd-sized pieces so that rows span the
/// request's buffer segments) answers byte for byte what each of its rows answers when sent alone: the chunking, the
/// overlapping stages and the UTF-8 writing change nothing. The rows are real: fixed-seed points over the shipped Lyon
/// 2015 perimeters, their interior points and vertices, with notes that must be quoted (separators, doubled quotes,
/// line breaks inside quotes, accents), some unreadable numbers and bands of 0, 300 and 10,000 m.
/// </summary>
public sealed class CsvBatchPipelineTests : IClassFixture<GeographieApp>
{
    // 6 × 1,511 rows: more than two chunks of 4,096, their boundaries falling inside a repeat.
    private const int Repeats = 6;

    private readonly GeographieApp _app;

    public CsvBatchPipelineTests(GeographieApp app) => _app = app;

    private sealed record Input(string Name, char Delimiter, string LineEnd, bool ByteOrderMark, bool DecimalComma);

    public static TheoryData<string> Inputs { get; } = new() { "comma-lf", "excel-fr-crlf-bom", "tab-crlf" };

    private static Input Named(string name) => name switch
    {
        "comma-lf" => new Input(name, ',', "\n", false, false),
        "excel-fr-crlf-bom" => new Input(name, ';', "\r\n", true, true),
        _ => new Input(name, '\t', "\r\n", false, false),
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task A_large_batch_answers_byte_for_byte_what_each_row_answers_alone(string inputName)
    {
        var input = Named(inputName);
        var header = string.Join(input.Delimiter, "id", "lon", "lat", "near_distance_m", "note") + input.LineEnd;
        var rows = Rows(input);
        var alone = new byte[rows.Count][];
        var headerAnswer = Array.Empty<byte>();
        await Parallel.ForEachAsync(Enumerable.Range(0, rows.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, cancel) =>
        {
            var answer = await PostAsync(Encoding.UTF8.GetBytes(Prefix(input) + header + rows[i]), segment: int.MaxValue);
            var endOfHeader = Array.IndexOf(answer, (byte)'\n') + 1;
            alone[i] = answer[endOfHeader..];
            if (i == 0)
            {
                headerAnswer = answer[..endOfHeader];
            }
        });
        var expected = headerAnswer.Concat(Enumerable.Repeat(alone, Repeats).SelectMany(a => a.SelectMany(line => line))).ToArray();

        var body = Encoding.UTF8.GetBytes(Prefix(input) + header + string.Concat(Enumerable.Repeat(string.Concat(rows), Repeats)));
        var batch = await PostAsync(body, segment: 1_009);

        Assert.True(rows.Count * Repeats > 2 * 4096, "the batch spans more than two chunks");
        Assert.Contains(alone, a => Encoding.UTF8.GetString(a).Contains("\"ligne 1\nligne \"\"2\"\"\"", StringComparison.Ordinal));
        Assert.Contains(alone, a => Encoding.UTF8.GetString(a).Contains("INVALID", StringComparison.Ordinal));
        Assert.Contains(alone, a => Encoding.UTF8.GetString(a).Contains("INSIDE", StringComparison.Ordinal));
        Assert.Equal(input.ByteOrderMark, headerAnswer.AsSpan().StartsWith(Encoding.UTF8.Preamble));
        Assert.Equal(expected.Length, batch.Length);
        Assert.True(expected.AsSpan().SequenceEqual(batch), $"first difference at byte {FirstDifference(expected, batch)}");
    }

    private static string Prefix(Input input) => input.ByteOrderMark ? "\uFEFF" : string.Empty;

    private static List<string> Rows(Input input)
    {
        var number = input.DecimalComma
            ? new NumberFormatInfo { NumberDecimalSeparator = "," }
            : NumberFormatInfo.InvariantInfo;
        var d = input.Delimiter;
        string[] bands = ["0", "300", "10000", ""];
        string[] notes =
        [
            "simple", $"\"avec {d} séparateur\"", "\"ligne 1\r\nligne \"\"2\"\"\"", "Vénissieux — été", string.Empty, "\"\"",
        ];
        return RealPoints.LyonSample(1_400, seed: 20261202)
            .Select((p, i) => string.Join(d,
                $"p{i}",
                i % 97 == 0 ? "abc" : p.Lon.ToString("R", number),
                p.Lat.ToString("R", number),
                bands[i % bands.Length],
                notes[i % notes.Length]) + input.LineEnd)
            .ToList();
    }

    private async Task<byte[]> PostAsync(byte[] body, int segment)
    {
        var content = new SegmentedContent(body, segment);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv");
        var response = await _app.Client.PostAsync("/v1/eligibility/batch?geography=qpv2015", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static int FirstDifference(byte[] expected, byte[] actual) =>
        Enumerable.Range(0, Math.Min(expected.Length, actual.Length)).FirstOrDefault(i => expected[i] != actual[i], Math.Min(expected.Length, actual.Length));

    // A body sent in pieces of a given size, each flushed: the service receives it in as many buffer segments.
    private sealed class SegmentedContent(byte[] body, int segment) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < body.Length; offset += segment)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(segment, body.Length - offset)));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}
