using Geographie.Domain.Overlaps;
using Geographie.Domain.Texts;

namespace Geographie.Api.Http.Overlaps;

/// <summary>
/// The zones of commune outlines, those at <paramref name="positions"/> in <paramref name="zones"/> in that order,
/// validated once per snapshot (<see cref="CommuneZones"/>). None is refused: an outline that cannot be a zone (none of
/// the shipped ones) is left out, as its own <c>GET /v1/overlaps?commune=</c> answers 404. Reading never stops short.
/// </summary>
internal sealed class OutlineZones(CommuneZones zones, IReadOnlyList<int> positions, Language language) : IZoneSource<int>
{
    private int _next;

    /// <inheritdoc />
    public ValueTask<int?> NextAsync(CancellationToken cancel) =>
        ValueTask.FromResult<int?>(_next < positions.Count ? positions[_next++] : null);

    /// <inheritdoc />
    public Zone? ZoneOf(int item, out string? problem)
    {
        problem = null;
        return zones.At(item, language);
    }

    /// <inheritdoc />
    public ValueTask<bool> StoppedShortAsync(CancellationToken cancel) => ValueTask.FromResult(false);
}
