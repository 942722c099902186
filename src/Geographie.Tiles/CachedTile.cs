using System.IO.Compression;
using System.Security.Cryptography;

namespace Geographie.Tiles;

/// <summary>
/// A built tile ready to serve: raw MVT bytes, their gzip encoding and a strong ETag. Immutable; do not mutate the arrays.
/// </summary>
public sealed class CachedTile
{
    private static readonly string EmptyETag = ComputeETag([]);

    private CachedTile(byte[]? raw, byte[]? gzip, string etag)
    {
        Raw = raw;
        Gzip = gzip;
        ETag = etag;
    }

    /// <summary>Uncompressed MVT bytes, or <see langword="null"/> for an empty tile.</summary>
    public byte[]? Raw { get; }

    /// <summary>gzip (RFC 1952) of <see cref="Raw"/>, or <see langword="null"/> for an empty tile.</summary>
    public byte[]? Gzip { get; }

    /// <summary>
    /// Strong entity tag, quoted: <c>"</c> + 32 lowercase hex digits of SHA-256(<see cref="Raw"/>) + <c>"</c>.
    /// Identical bytes always give the same ETag (across processes and revisions); an empty tile hashes zero bytes.
    /// </summary>
    public string ETag { get; }

    /// <summary>True when the tile has no feature (serve 204).</summary>
    public bool IsEmpty => Raw is null;

    /// <summary>Approximate memory held, in bytes (arrays plus a fixed overhead); what <see cref="TileCache"/> counts.</summary>
    public long SizeBytes => (Raw?.Length ?? 0) + (Gzip?.Length ?? 0) + 128;

    /// <summary>Wraps built bytes: computes gzip (fastest level) and the ETag. Thread-safe, pure.</summary>
    /// <param name="raw">MVT bytes or <see langword="null"/> (also used for a zero-length array) for an empty tile.</param>
    public static CachedTile Create(byte[]? raw)
    {
        if (raw is null || raw.Length == 0)
        {
            return new CachedTile(null, null, EmptyETag);
        }

        using var output = new MemoryStream((raw.Length / 2) + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(raw);
        }

        return new CachedTile(raw, output.ToArray(), ComputeETag(raw));
    }

    private static string ComputeETag(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        return "\"" + Convert.ToHexStringLower(hash[..16]) + "\"";
    }
}
