namespace Geographie.Import.Csv;

/// <summary>
/// Bounds of what <see cref="CsvRowReader"/> holds in memory for one row. A longer field or row is not read into
/// memory: the row is reported broken (<see cref="CsvRowException"/>) and reading goes on after it.
/// </summary>
/// <param name="MaxFieldChars">Most characters in one field (quotes and doubled quotes counted once).</param>
/// <param name="MaxRowChars">Most characters in one row, over all its physical lines (a quoted field may span lines).</param>
public sealed record CsvLimits(int MaxFieldChars, int MaxRowChars)
{
    /// <summary>Generous bounds for files: 64 Ki characters a field, 1 Mi characters a row.</summary>
    public static CsvLimits Default { get; } = new(64 * 1024, 1024 * 1024);
}
