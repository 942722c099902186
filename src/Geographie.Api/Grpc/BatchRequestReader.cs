using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Geographie.Api.Grpc.V1;
using Google.Protobuf;

namespace Geographie.Api.Grpc;

/// <summary>
/// Reads a <c>CheckBatchRequest</c> (proto v1, unchanged) into <see cref="BatchRequests"/> without a message object
/// per point, with the generated parser's semantics: fields in any order, the last value of a scalar wins, a oneof
/// message given again is merged into the one before when it is the current case, unknown fields (and known field
/// numbers with another wire type) are skipped, groups included. What the generated parser refuses is refused here
/// with <see cref="InvalidDataException"/>: a truncated or overlong varint, a length past the end, a zero
/// tag, wire types 6 and 7, an end-group tag without its start, groups nested deeper than protobuf's recursion limit
/// (100), and strings that are not UTF-8. Thread-safe (no state).
/// </summary>
public static class BatchRequestReader
{
    // Google.Protobuf's default ParseContext recursion limit: messages and groups nested deeper are refused.
    private const int RecursionLimit = 100;

    // Strings that are not UTF-8 are refused as proto3 says (Google.Protobuf reads them with a throwing decoder).
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads one serialised <c>CheckBatchRequest</c>; the bytes are copied into a pooled buffer the result owns.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid <c>CheckBatchRequest</c>.</exception>
    /// <exception cref="InvalidProtocolBufferException">An address is not a valid <c>Address</c> message.</exception>
    public static BatchRequests Read(ReadOnlySequence<byte> payload)
    {
        var length = checked((int)payload.Length);
        var bytes = ArrayPool<byte>.Shared.Rent(length);
        payload.CopyTo(bytes);
        var requests = new BatchRequests(bytes);
        try
        {
            ReadBatch(bytes.AsSpan(0, length), requests);
            return requests;
        }
        catch
        {
            requests.Dispose();
            throw;
        }
    }

    private static void ReadBatch(ReadOnlySpan<byte> message, BatchRequests requests)
    {
        var cursor = new Cursor(message, 0, message.Length);
        var recent = default(RecentTexts);
        while (cursor.NextTag() is var tag && tag != 0)
        {
            switch (tag)
            {
                case 10:
                    var (start, end) = cursor.Delimited();
                    ReadCheckRequest(message, start, end, ref requests.Add(), ref recent, depth: 1);
                    break;
                case 16:
                    requests.Lean = cursor.Varint() != 0;
                    break;
                default:
                    cursor.Skip(tag, depth: 0);
                    break;
            }
        }
    }

    private static void ReadCheckRequest(ReadOnlySpan<byte> message, int start, int end, ref BatchItem item, ref RecentTexts recent, int depth)
    {
        var cursor = new Cursor(message, start, end);
        while (cursor.NextTag() is var tag && tag != 0)
        {
            switch (tag)
            {
                case 10:
                    (item.IdStart, item.IdLength) = Utf8(message, cursor.Delimited());
                    break;
                case 18:
                    ReadPair(message, cursor.Delimited(), ref item, CheckRequest.LocationOneofCase.Wgs84, depth + 1);
                    break;
                case 26:
                    ReadPair(message, cursor.Delimited(), ref item, CheckRequest.LocationOneofCase.Lambert93, depth + 1);
                    break;
                case 34:
                    item.Geography = Text(message, cursor.Delimited(), ref recent.Geography);
                    break;
                case 42:
                    item.Date = Text(message, cursor.Delimited(), ref recent.Date);
                    break;
                case 49:
                    item.NearDistanceM = cursor.Double();
                    break;
                case 57:
                    item.PositionUncertaintyM = cursor.Double();
                    break;
                case 64:
                    item.IncludeContrat = cursor.Varint() != 0;
                    break;
                case 74:
                    ReadAddress(message, cursor.Delimited(), ref item, depth + 1);
                    break;
                default:
                    cursor.Skip(tag, depth);
                    break;
            }
        }
    }

    // Wgs84 and Lambert93 are the same message shape: two doubles, fields 1 and 2.
    private static void ReadPair(ReadOnlySpan<byte> message, (int Start, int End) range, ref BatchItem item, CheckRequest.LocationOneofCase location, int depth)
    {
        Deeper(depth);
        if (item.Location != location)
        {
            item.Location = location;
            item.First = item.Second = 0;
            item.Address = null;
        }
        var cursor = new Cursor(message, range.Start, range.End);
        while (cursor.NextTag() is var tag && tag != 0)
        {
            switch (tag)
            {
                case 9:
                    item.First = cursor.Double();
                    break;
                case 17:
                    item.Second = cursor.Double();
                    break;
                default:
                    cursor.Skip(tag, depth);
                    break;
            }
        }
    }

    // Addresses are rare in bulk: read by the generated parser, merged as it merges a oneof message given twice.
    private static void ReadAddress(ReadOnlySpan<byte> message, (int Start, int End) range, ref BatchItem item, int depth)
    {
        Deeper(depth);
        var address = new Address();
        if (item.Location == CheckRequest.LocationOneofCase.Address && item.Address is { } before)
        {
            address.MergeFrom(before);
        }
        address.MergeFrom(message[range.Start..range.End]);
        item.Location = CheckRequest.LocationOneofCase.Address;
        item.First = item.Second = 0;
        item.Address = address;
    }

    private static (int Start, int Length) Utf8(ReadOnlySpan<byte> message, (int Start, int End) range)
    {
        if (!System.Text.Unicode.Utf8.IsValid(message[range.Start..range.End]))
        {
            throw NotUtf8();
        }
        return (range.Start, range.End - range.Start);
    }

    // Consecutive points usually name the same geography (or date): the string read last for the field is reused
    // when the bytes are the same, so that a batch allocates one string per distinct value, not one per point.
    private static string Text(ReadOnlySpan<byte> message, (int Start, int End) range, ref RecentText recent)
    {
        var bytes = message[range.Start..range.End];
        if (bytes.Length == 0)
        {
            return string.Empty;
        }
        if (recent.Text is not null && message.Slice(recent.Start, recent.Length).SequenceEqual(bytes))
        {
            return recent.Text;
        }
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8();
        }
        recent = new RecentText(range.Start, bytes.Length, text);
        return text;
    }

    private static InvalidDataException NotUtf8() => new("a string field is not valid UTF-8");

    // The bytes a string was last read from, in the request, and the string.
    private record struct RecentText(int Start, int Length, string? Text);

    // The strings read last, per field, while reading one request.
    private struct RecentTexts
    {
        public RecentText Geography, Date;
    }

    private static void Deeper(int depth)
    {
        if (depth > RecursionLimit)
        {
            throw new InvalidDataException("the message nests more than 100 levels deep");
        }
    }

    // Reads one message's fields between Start and End of the request's bytes.
    private ref struct Cursor(ReadOnlySpan<byte> message, int start, int end)
    {
        private readonly ReadOnlySpan<byte> _message = message;
        private readonly int _end = end;
        private int _position = start;

        // The next tag, 0 at the end of the message; a tag whose field number is 0 or an end-group tag here is malformed.
        public uint NextTag()
        {
            if (_position == _end)
            {
                return 0;
            }
            var tag = (uint)Varint();
            if (tag >> 3 == 0)
            {
                throw new InvalidDataException("the message holds a tag with field number 0");
            }
            if ((tag & 7) == 4)
            {
                throw new InvalidDataException("the message holds an end-group tag without its start-group tag");
            }
            return tag;
        }

        public ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 70; shift += 7)
            {
                if (_position == _end)
                {
                    throw Truncated();
                }
                var b = _message[_position++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
            throw new InvalidDataException("the message holds a varint longer than 10 bytes");
        }

        public double Double() => BitConverter.Int64BitsToDouble((long)Fixed(8));

        public (int Start, int End) Delimited()
        {
            // Google.Protobuf reads a length as a 32-bit varint: the high bits of a longer one are dropped.
            var length = (int)(uint)Varint();
            if (length < 0)
            {
                throw new InvalidDataException("the message holds a negative length");
            }
            if (length > _end - _position)
            {
                throw Truncated();
            }
            var start = _position;
            _position += length;
            return (start, _position);
        }

        // Skips the value of a field this reader does not know; a group is skipped to its matching end-group tag.
        public void Skip(uint tag, int depth)
        {
            switch (tag & 7)
            {
                case 0:
                    Varint();
                    break;
                case 1:
                    Fixed(8);
                    break;
                case 2:
                    Delimited();
                    break;
                case 3:
                    SkipGroup(tag >> 3, depth + 1);
                    break;
                case 5:
                    Fixed(4);
                    break;
                default:
                    throw new InvalidDataException($"the message holds wire type {tag & 7}, which does not exist");
            }
        }

        private void SkipGroup(uint field, int depth)
        {
            Deeper(depth);
            while (true)
            {
                if (_position == _end)
                {
                    throw Truncated();
                }
                var tag = (uint)Varint();
                if (tag >> 3 == 0)
                {
                    throw new InvalidDataException("the message holds a tag with field number 0");
                }
                if ((tag & 7) == 4)
                {
                    if (tag >> 3 != field)
                    {
                        throw new InvalidDataException("an end-group tag does not match its start-group tag");
                    }
                    return;
                }
                Skip(tag, depth);
            }
        }

        private ulong Fixed(int size)
        {
            if (size > _end - _position)
            {
                throw Truncated();
            }
            var value = size == 8
                ? BinaryPrimitives.ReadUInt64LittleEndian(_message.Slice(_position, 8))
                : BinaryPrimitives.ReadUInt32LittleEndian(_message.Slice(_position, 4));
            _position += size;
            return value;
        }

        private static InvalidDataException Truncated() =>
            new("the message ends in the middle of a field");
    }
}
