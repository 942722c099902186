using System.Buffers;
using System.Text;

namespace Geographie.Import.Csv;

/// <summary>
/// The text encoding of CSV bytes, chosen from a bounded prefix so that a body of any length is still streamed: a
/// byte order mark wins (UTF-8, UTF-16); else a declared encoding (an HTTP <c>charset</c>); else UTF-8 when the
/// prefix is valid UTF-8, and Windows-1252 when it is not — what Excel FR writes for "CSV (séparateur :
/// point-virgule)". A file whose first <see cref="DetectionPrefixBytes"/> bytes are plain ASCII and whose later bytes
/// are Windows-1252 is read as UTF-8 (its accents become U+FFFD): declare the charset for such files.
/// </summary>
public static class CsvEncoding
{
    /// <summary>How many bytes are looked at before the encoding is chosen (64 KiB, some hundreds of rows).</summary>
    public const int DetectionPrefixBytes = 64 * 1024;

    /// <summary>Windows-1252, the code page of French Windows and of Excel FR's CSV files.</summary>
    public static Encoding Windows1252 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    /// <summary>
    /// A reader over <paramref name="bytes"/> in the encoding chosen from its prefix (see the type), with the
    /// encoding chosen. Reads at most <see cref="DetectionPrefixBytes"/> before returning; the reader owns the stream.
    /// </summary>
    public static async Task<(TextReader Reader, Encoding Encoding)> OpenAsync(Stream bytes, Encoding? declared, CancellationToken cancellationToken)
    {
        var prefix = ArrayPool<byte>.Shared.Rent(DetectionPrefixBytes);
        var length = 0;
        int read;
        while (length < DetectionPrefixBytes
               && (read = await bytes.ReadAsync(prefix.AsMemory(length, DetectionPrefixBytes - length), cancellationToken)) > 0)
        {
            length += read;
        }
        var encoding = Detect(prefix.AsSpan(0, length), complete: length < DetectionPrefixBytes, declared);
        var replay = new PrefixedStream(prefix, length, bytes);
        return (new StreamReader(replay, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), encoding);
    }

    /// <summary>
    /// The encoding of bytes that begin with <paramref name="prefix"/>: its byte order mark, else
    /// <paramref name="declared"/>, else UTF-8 when the prefix is valid UTF-8, else Windows-1252.
    /// <paramref name="complete"/> says the prefix is the whole input (else a character cut at its end is not an error).
    /// </summary>
    public static Encoding Detect(ReadOnlySpan<byte> prefix, bool complete, Encoding? declared = null)
    {
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8;
        }
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode;
        }
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode;
        }
        if (declared is not null)
        {
            return declared;
        }
        return IsUtf8(prefix, complete) ? Encoding.UTF8 : Windows1252;
    }

    private static bool IsUtf8(ReadOnlySpan<byte> bytes, bool complete)
    {
        while (!bytes.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(bytes, out _, out var consumed);
            if (status == OperationStatus.NeedMoreData && !complete)
            {
                return true;
            }
            if (status != OperationStatus.Done)
            {
                return false;
            }
            bytes = bytes[consumed..];
        }
        return true;
    }

    // The prefix read for detection, then the rest of the input: forward-only, so nothing is read twice.
    private sealed class PrefixedStream(byte[] prefix, int length, Stream rest) : Stream
    {
        private int _position;
        private bool _returned;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            _position < length ? Replay(buffer.AsSpan(offset, count)) : rest.Read(buffer, offset, count);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _position < length ? Replay(buffer.Span) : await rest.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_returned)
            {
                _returned = true;
                ArrayPool<byte>.Shared.Return(prefix);
                rest.Dispose();
            }
            base.Dispose(disposing);
        }

        private int Replay(Span<byte> buffer)
        {
            var count = Math.Min(buffer.Length, length - _position);
            prefix.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }
    }
}
