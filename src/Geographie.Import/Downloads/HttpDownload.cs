using System.Buffers.Binary;
using System.IO.Compression;

namespace Geographie.Import.Downloads;

/// <summary>
/// Downloads one URL into a file, streamed, within a time limit, gunzipped on the way when asked. The body goes to
/// a <c>.part</c> file beside the target, moved into place only once read and decoded to its end, so that a cut
/// download never leaves a file that looks whole. A failure (unreachable, an error status, too slow, a cut or
/// damaged gzip body) is returned as a <see cref="DownloadFailure"/>; only the caller's own cancellation throws.
/// </summary>
public static class HttpDownload
{
    /// <summary>
    /// Saves the body of <c>GET <paramref name="url"/></c> as <paramref name="path"/> (gunzipped when
    /// <paramref name="gunzip"/>); null when done, else why not. A gzip body must end with its trailer and hold the
    /// length the trailer states: .NET's decoder stops quietly at the end of a cut body, so the trailer is checked here.
    /// </summary>
    public static async Task<DownloadFailure?> ToFileAsync(
        HttpClient http, Uri url, string path, TimeSpan timeout, bool gunzip, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var partial = path + ".part";
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                return new DownloadFailure(url, $"{(int)response.StatusCode} {response.ReasonPhrase}", response.StatusCode);
            }
            await using (var body = new TailKeepingStream(await response.Content.ReadAsStreamAsync(deadline.Token)))
            await using (var file = File.Create(partial))
            {
                if (!gunzip)
                {
                    await body.CopyToAsync(file, deadline.Token);
                }
                else
                {
                    await using var decoded = new GZipStream(body, CompressionMode.Decompress, leaveOpen: true);
                    await decoded.CopyToAsync(file, deadline.Token);
                    if (!body.EndsWithGzipTrailerOf(file.Length))
                    {
                        throw new InvalidDataException("the gzip body is cut short (its trailer does not match what it holds)");
                    }
                }
            }
            File.Move(partial, path, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException or OperationCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            File.Delete(partial);
            return new DownloadFailure(url, e is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0} s" : e.Message, null);
        }
    }

    // A read-only pass-through remembering the last 8 bytes read: a gzip member's trailer (CRC-32, then the length
    // of what it holds modulo 2^32, little-endian).
    private sealed class TailKeepingStream(Stream inner) : Stream
    {
        private readonly byte[] _tail = new byte[8];
        private long _read;

        public bool EndsWithGzipTrailerOf(long decodedLength)
        {
            if (_read < _tail.Length)
            {
                return false;
            }
            var start = (int)(_read % _tail.Length);
            Span<byte> trailer = stackalloc byte[8];
            for (var i = 0; i < trailer.Length; i++)
            {
                trailer[i] = _tail[(start + i) % _tail.Length];
            }
            return BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]) == (uint)decodedLength;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            Keep(buffer.Span[..n]);
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            Keep(buffer.AsSpan(offset, n));
            return n;
        }

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length > _tail.Length)
            {
                _read += bytes.Length - _tail.Length;
                bytes = bytes[^_tail.Length..];
            }
            foreach (var b in bytes)
            {
                _tail[_read++ % _tail.Length] = b;
            }
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
