using Geographie.Domain.Quartiers;
using Geographie.Domain.Texts;

namespace Geographie.Domain.Overlaps;

/// <summary>
/// The zones of a snapshot's commune outlines, which the tables d'appartenance and the commune routes measure on every
/// request: each outline is validated by <see cref="ZoneValidator"/> (copied, projected, proven valid or repaired) on
/// its first use and the zone kept for the snapshot's life, so an outline is validated once per snapshot, and once per
/// language only when it had to be repaired (the repair note is in the request's language). Thread-safe; the zones
/// handed out are shared by concurrent requests, which only read them (<see cref="Zone"/> is immutable, its rings read
/// when it is validated).
/// </summary>
public sealed class CommuneZones
{
    private readonly IReadOnlyList<Commune> _communes;
    private readonly Dictionary<string, int> _positions;

    /// <summary>Per language, per commune position: the outcome of the validation once done, else null.</summary>
    private readonly Validated?[][] _validated;

    /// <summary>Holds <paramref name="outlined"/> (communes with an outline); nothing is validated until asked.</summary>
    public CommuneZones(IReadOnlyList<Commune> outlined)
    {
        ArgumentNullException.ThrowIfNull(outlined);
        _communes = outlined;
        _positions = new Dictionary<string, int>(outlined.Count, StringComparer.Ordinal);
        for (int i = 0; i < outlined.Count; i++)
        {
            _positions.Add(outlined[i].Insee, i);
        }

        _validated = [.. Enum.GetValues<Language>().Select(_ => new Validated?[outlined.Count])];
    }

    /// <summary>The communes, in the order of their positions.</summary>
    public IReadOnlyList<Commune> Communes => _communes;

    /// <summary>The position of the commune with that INSEE code, or null when it has no outline.</summary>
    public int? PositionOf(string insee) => _positions.TryGetValue(insee, out var position) ? position : null;

    /// <summary>
    /// The zone of the commune at <paramref name="position"/> (id its INSEE code, named after it), a repair noted in
    /// <paramref name="language"/>; null when its outline cannot be a zone (empty, outside France, beyond repair).
    /// </summary>
    public Zone? At(int position, Language language)
    {
        var slots = _validated[(int)language];
        if (Volatile.Read(ref slots[position]) is { } known)
        {
            return known.Zone;
        }

        var commune = _communes[position];
        var zone = ZoneValidator.Validate(commune.Insee, commune.Outline, language, out _);

        // A repaired zone holds no rings of its own and would read them at every measure: read once, here.
        var validated = new Validated(zone is null ? null : zone with { Name = commune.Name, Rings = zone.Rings });
        if (validated.Zone?.Repair is null)
        {
            // Nothing of a zone as given (or of a refusal) depends on the language: every language shares it.
            foreach (var sameInEvery in _validated)
            {
                Interlocked.CompareExchange(ref sameInEvery[position], validated, null);
            }
        }
        else
        {
            Interlocked.CompareExchange(ref slots[position], validated, null);
        }

        // Racing threads validate alike; all of them answer with the one kept.
        return Volatile.Read(ref slots[position])!.Zone;
    }

    /// <summary>The zone of the commune with that INSEE code (see <see cref="At"/>), or null without an outline or zone.</summary>
    public Zone? Of(string insee, Language language) => PositionOf(insee) is { } position ? At(position, language) : null;

    /// <summary>A validation's outcome: the zone, or null for an outline that cannot be one.</summary>
    private sealed record Validated(Zone? Zone);
}
