using Geographie.Domain.Overlaps;

namespace Geographie.Api.Http.Overlaps;

/// <summary>
/// Where the zones a <see cref="ZoneChunk{TItem}"/> measures come from, in answer order: a POST's body
/// (<see cref="BodyZones"/>) or commune outlines (<see cref="OutlineZones"/>). The request thread reads the items one
/// after the other; the chunk's helpers on the thread pool, or the request thread finishing the chunk, turn each into its zone.
/// </summary>
/// <typeparam name="TItem">What the request thread reads of a zone (a feature's text, a commune's position).</typeparam>
internal interface IZoneSource<TItem>
    where TItem : struct
{
    /// <summary>The next item, or null at the end and where reading stops short (see <see cref="StoppedShortAsync"/>). Request thread only.</summary>
    ValueTask<TItem?> NextAsync(CancellationToken cancel);

    /// <summary>
    /// The zone of <paramref name="item"/>; null when it is refused, with why in <paramref name="problem"/> (a fault
    /// the request answers with), or without a problem when the zone is only left out. Thread-safe: called from any thread.
    /// </summary>
    Zone? ZoneOf(TItem item, out string? problem);

    /// <summary>
    /// Asked after each chunk: whether reading has stopped short of the end (the request is then answered with an
    /// error, not with the zones measured); if so, the rest is read first as far as that answer needs.
    /// </summary>
    ValueTask<bool> StoppedShortAsync(CancellationToken cancel);
}
