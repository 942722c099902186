using Geographie.Addresses;
using Geographie.Domain.Eligibility;

namespace Geographie.Api.Http;

/// <summary>
/// Rows of a CSV batch read together, then checked together, then answered together (<see cref="CsvRowPipeline"/>):
/// each row's fields (or why it could not be read), its answer and, when the batch geocodes, its address. Reused from
/// one chunk of the body to the next; touched by one stage at a time.
/// </summary>
internal sealed class CsvChunk
{
    /// <summary>The most rows a chunk holds.</summary>
    public const int MaxRows = 4096;

    /// <summary>The rows read, in order.</summary>
    public List<CsvChunkRow> Rows { get; } = new(MaxRows);

    /// <summary>The answer of each row, in order (the first <see cref="Count"/> are this chunk's).</summary>
    public EligibilityResult[] Results { get; } = new EligibilityResult[MaxRows];

    /// <summary>The address of each row when the batch geocodes; else null.</summary>
    public AddressAnswer?[]? Located { get; set; }

    /// <summary>How many rows this chunk holds.</summary>
    public int Count => Rows.Count;
}

/// <summary>One row read: its fields, or the reason it could not be read; <paramref name="Line"/> is where it ends (or starts, when broken).</summary>
internal sealed record CsvChunkRow(IReadOnlyList<string>? Fields, long Line, string? Broken);
