using Geographie.Domain.Overlaps;

namespace Geographie.Api.Http.Overlaps;

/// <summary>
/// The zones of a POST's body, read by <paramref name="reader"/>, up to <paramref name="maxZones"/>: reading stops
/// short at a malformed body or at one zone more than allowed, and the rest is then only counted (for the 413).
/// </summary>
internal sealed class BodyZones(ZoneReader reader, int maxZones) : IZoneSource<ZoneText>
{
    /// <inheritdoc />
    public async ValueTask<ZoneText?> NextAsync(CancellationToken cancel) =>
        await reader.NextAsync(cancel) is { } text && reader.Count <= maxZones ? text : null;

    /// <inheritdoc />
    public Zone? ZoneOf(ZoneText item, out string? problem) => reader.Read(item, out problem);

    /// <inheritdoc />
    public async ValueTask<bool> StoppedShortAsync(CancellationToken cancel)
    {
        if (reader.Problem is null && reader.Count <= maxZones)
        {
            return false;
        }

        await reader.CountAllAsync(cancel);
        return true;
    }
}
