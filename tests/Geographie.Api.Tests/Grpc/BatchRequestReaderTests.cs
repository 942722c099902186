using System.Buffers;
using System.Globalization;
using Geographie.Api.Grpc;
using Geographie.Api.Grpc.V1;
using Geographie.Api.Tests.Eligibility;
using Google.Protobuf;

namespace Geographie.Api.Tests.Grpc;

/// <summary>
/// BatchRequestReader against Google.Protobuf's generated parser, the oracle: on valid, unusual and broken bytes
/// (fixed-seed mutations of a batch of real Lyon points) both refuse, or both read the same fields.
/// </summary>
public sealed class BatchRequestReaderTests
{
    [Fact]
    public void Mutated_batches_are_refused_or_read_as_the_generated_parser_reads_them()
    {
        var valid = SampleBatch().ToByteArray();
        var random = new Random(20261202);
        int accepted = 0, refused = 0;
        for (var n = 0; n < 4000; n++)
        {
            var bytes = Mutate(valid, random);
            var expected = ByGeneratedParser(bytes);
            Assert.Equal(expected, ByReader(bytes));
            _ = expected is null ? refused++ : accepted++;
        }
        // Both outcomes are exercised (a mutation in an id or a coordinate keeps the bytes valid).
        Assert.True(accepted > 100 && refused > 100, $"{accepted} accepted, {refused} refused");
    }

    [Fact]
    public void Fields_given_twice_and_oneof_cases_switched_are_read_as_the_generated_parser_reads_them()
    {
        byte[][] items =
        [
            // wgs84 {lon} then wgs84 {lat}: merged into one.
            [0x12, 0x09, 0x09, .. Fixed64(4.85), 0x12, 0x09, 0x11, .. Fixed64(45.75)],
            // wgs84 {lon, lat}, lambert93 {x}, wgs84 {lat}: the last wgs84 starts afresh.
            [0x12, 0x12, 0x09, .. Fixed64(4.85), 0x11, .. Fixed64(45.75), 0x1A, 0x09, 0x09, .. Fixed64(842_000), 0x12, 0x09, 0x11, .. Fixed64(45.7)],
            // address {text} then address {commune}: merged; then the id twice and near_distance_m twice: the last wins.
            [0x4A, 0x03, 0x0A, 0x01, 0x61, 0x4A, 0x03, 0x2A, 0x01, 0x62, 0x0A, 0x01, 0x78, 0x0A, 0x01, 0x79, 0x31, .. Fixed64(1), 0x31, .. Fixed64(2)],
            // wgs84, then address, then lambert93 {y}; include_contrat as a long varint, then 0.
            [0x12, 0x09, 0x09, .. Fixed64(4.85), 0x4A, 0x02, 0x0A, 0x00, 0x1A, 0x09, 0x11, .. Fixed64(6_500_000), 0x40, 0x80, 0x01, 0x40, 0x00],
            // geography and date given twice; position_uncertainty_m as -0.
            [0x22, 0x01, 0x61, 0x22, 0x07, .. "qpv2015"u8, 0x2A, 0x02, 0x32, 0x30, 0x2A, 0x00, 0x39, .. Fixed64(-0.0)],
        ];
        foreach (var item in items)
        {
            byte[] batch = [0x0A, (byte)item.Length, .. item, 0x10, 0x01, 0x10, 0x00];
            var read = ByReader(batch);
            Assert.NotNull(read);
            Assert.Equal(ByGeneratedParser(batch), read);
        }
    }

    [Theory]
    [InlineData(98)]
    [InlineData(99)]
    [InlineData(100)]
    [InlineData(101)]
    public void Groups_nested_at_protobufs_recursion_limit_are_read_or_refused_as_by_the_generated_parser(int depth)
    {
        byte[] groups = [.. Enumerable.Repeat((byte)0x0B, depth), .. Enumerable.Repeat((byte)0x0C, depth)];
        // At the top level, and inside a CheckRequest (one level deeper).
        byte[] top = [.. groups, 0x0A, 0x00];
        byte[] inRequest = [0x0A, .. Varint(groups.Length), .. groups];

        Assert.Equal(ByGeneratedParser(top), ByReader(top));
        Assert.Equal(ByGeneratedParser(inRequest), ByReader(inRequest));
    }

    [Fact]
    public void Reading_a_batch_allocates_no_object_per_point()
    {
        var small = Repeated(1_000).ToByteArray();
        var large = Repeated(20_000).ToByteArray();
        // Warm: the pools have their arrays, the JIT its code.
        Read(small);
        Read(large);

        var smallBytes = Allocated(() => Read(small));
        var largeBytes = Allocated(() => Read(large));

        // The same few objects (the BatchRequests, one string per distinct geography) whatever the number of points.
        Assert.True(largeBytes <= smallBytes + 256, $"{smallBytes} B for 1,000 points, {largeBytes} B for 20,000");

        static void Read(byte[] bytes)
        {
            using var requests = BatchRequestReader.Read(new ReadOnlySequence<byte>(bytes));
            Assert.True(requests.Count > 0);
        }
    }

    private static long Allocated(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static CheckBatchRequest Repeated(int count)
    {
        var points = RealPoints.LyonSample(randomCount: count, seed: 11);
        var batch = new CheckBatchRequest();
        batch.Requests.AddRange(points.Take(count).Select((p, i) => new CheckRequest
        {
            Id = i.ToString(CultureInfo.InvariantCulture), Wgs84 = new Wgs84 { Lon = p.Lon, Lat = p.Lat }, Geography = "qpv2015", NearDistanceM = 300,
        }));
        return batch;
    }

    // Real Lyon points in every request shape (WGS84, Lambert-93, address, options set or not) with unknown fields.
    private static CheckBatchRequest SampleBatch()
    {
        var points = RealPoints.LyonSample(randomCount: 12, seed: 3);
        var batch = new CheckBatchRequest { Lean = true };
        for (var i = 0; i < points.Count && i < 24; i++)
        {
            var request = new CheckRequest { Id = $"p{i}é", Geography = i % 2 == 0 ? "qpv2015" : string.Empty, IncludeContrat = i % 3 == 0 };
            switch (i % 4)
            {
                case 0:
                    request.Wgs84 = new Wgs84 { Lon = points[i].Lon, Lat = points[i].Lat };
                    request.NearDistanceM = 200;
                    break;
                case 1:
                    request.Lambert93 = new Lambert93 { X = 842_000 + i, Y = 6_519_000 - i };
                    request.PositionUncertaintyM = 25;
                    break;
                case 2:
                    request.Address = new Address { Text = "1 rue Joffre", CodePostal = "54111", Commune = "Mont-Bonvillers" };
                    break;
                default:
                    request.Wgs84 = new Wgs84 { Lon = points[i].Lon, Lat = points[i].Lat };
                    request.Date = "2020-06-01";
                    break;
            }
            batch.Requests.Add(request);
        }
        return batch;
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = valid.ToList();
        switch (random.Next(4))
        {
            case 0:
                return valid[..random.Next(valid.Length)];
            case 1:
                bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                return [.. bytes];
            case 2:
                bytes.Insert(random.Next(bytes.Count), (byte)random.Next(256));
                return [.. bytes];
            default:
                bytes.RemoveAt(random.Next(bytes.Count));
                return [.. bytes];
        }
    }

    // What the generated parser reads, field by field, or null when it refuses the bytes.
    private static string? ByGeneratedParser(byte[] bytes)
    {
        CheckBatchRequest batch;
        try
        {
            batch = CheckBatchRequest.Parser.ParseFrom(bytes);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or ArgumentException)
        {
            return null;
        }
        return Describe(batch.Lean, batch.Requests.Select(r => (r.Id, r.LocationCase,
            r.LocationCase switch
            {
                CheckRequest.LocationOneofCase.Wgs84 => (r.Wgs84.Lon, r.Wgs84.Lat),
                CheckRequest.LocationOneofCase.Lambert93 => (r.Lambert93.X, r.Lambert93.Y),
                _ => (0.0, 0.0),
            },
            r.Address?.ToString(), r.Geography, r.Date, r.HasNearDistanceM ? r.NearDistanceM : (double?)null,
            r.HasPositionUncertaintyM ? r.PositionUncertaintyM : (double?)null, r.IncludeContrat)));
    }

    // What BatchRequestReader reads, in the same words, or null when it refuses the bytes.
    private static string? ByReader(byte[] bytes)
    {
        try
        {
            using var requests = BatchRequestReader.Read(new ReadOnlySequence<byte>(bytes));
            var items = new List<(string, CheckRequest.LocationOneofCase, (double, double), string?, string, string, double?, double?, bool)>();
            for (var i = 0; i < requests.Count; i++)
            {
                var item = requests[i];
                items.Add((System.Text.Encoding.UTF8.GetString(requests.Id(i)), item.Location, (item.First, item.Second), item.Address?.ToString(),
                    item.Geography, item.Date, item.NearDistanceM, item.PositionUncertaintyM, item.IncludeContrat));
            }
            return Describe(requests.Lean, items);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidProtocolBufferException)
        {
            return null;
        }
    }

    private static string Describe(
        bool lean, IEnumerable<(string Id, CheckRequest.LocationOneofCase Location, (double, double) Pair, string? Address, string Geography, string Date,
            double? Near, double? Uncertainty, bool Contrat)> items) =>
        $"lean={lean}\n" + string.Join("\n", items.Select(i => string.Create(CultureInfo.InvariantCulture,
            $"{i.Id}|{i.Location}|{BitConverter.DoubleToInt64Bits(i.Pair.Item1)},{BitConverter.DoubleToInt64Bits(i.Pair.Item2)}|{i.Address}|{i.Geography}|{i.Date}|{Bits(i.Near)}|{Bits(i.Uncertainty)}|{i.Contrat}")));

    private static string Bits(double? value) => value is { } v ? BitConverter.DoubleToInt64Bits(v).ToString(CultureInfo.InvariantCulture) : "-";

    private static byte[] Fixed64(double value) => BitConverter.GetBytes(value);

    private static byte[] Varint(int value)
    {
        var bytes = new List<byte>();
        var v = (uint)value;
        while (v >= 0x80)
        {
            bytes.Add((byte)(v | 0x80));
            v >>= 7;
        }
        bytes.Add((byte)v);
        return [.. bytes];
    }
}
