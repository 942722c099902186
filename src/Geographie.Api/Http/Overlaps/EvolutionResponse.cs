using Geographie.Domain.Overlaps;

namespace Geographie.Api.Http.Overlaps;

/// <summary>
/// The wire form of an <see cref="Evolution"/> (v1, camelCase JSON; see docs/overlaps.md). Areas in m².
/// </summary>
public sealed record EvolutionResponse(
    string From, string To, string Scope, string? ScopeId,
    double FromAreaM2, double ToAreaM2, double StayedM2, double LeftM2, double EnteredM2,
    CompletenessResponse FromCompleteness, CompletenessResponse ToCompleteness,
    IReadOnlyList<EvolutionQuartierResponse> FromQuartiers, IReadOnlyList<EvolutionQuartierResponse> ToQuartiers)
{
    /// <summary>Maps an evolution measured within <paramref name="scope"/> (<c>all</c>, <c>commune</c>, <c>zone</c>).</summary>
    public static EvolutionResponse Of(Evolution e, string scope, string? scopeId) => new(
        e.From.Code, e.To.Code, scope, scopeId,
        OverlapWriter.Area(e.FromAreaM2), OverlapWriter.Area(e.ToAreaM2), OverlapWriter.Area(e.StayedM2),
        OverlapWriter.Area(e.LeftM2), OverlapWriter.Area(e.EnteredM2),
        CompletenessResponse.From(e.FromCompleteness), CompletenessResponse.From(e.ToCompleteness),
        e.FromQuartiers.Select(a => Quartier(a, e.Pairs.Where(p => p.From.Code == a.Quartier.Code)
            .Select(p => new EvolutionOverlapResponse(p.To.Code, p.To.Name, OverlapWriter.Area(p.SharedM2), OverlapWriter.Share(p.ShareOfFrom), OverlapWriter.Share(p.ShareOfTo))))).ToArray(),
        e.ToQuartiers.Select(a => Quartier(a, e.Pairs.Where(p => p.To.Code == a.Quartier.Code)
            .Select(p => new EvolutionOverlapResponse(p.From.Code, p.From.Name, OverlapWriter.Area(p.SharedM2), OverlapWriter.Share(p.ShareOfTo), OverlapWriter.Share(p.ShareOfFrom))))).ToArray());

    private static EvolutionQuartierResponse Quartier(QuartierArea a, IEnumerable<EvolutionOverlapResponse> overlaps) =>
        new(a.Quartier.Code, a.Quartier.Name, OverlapWriter.Area(a.AreaM2), OverlapWriter.Share(a.ShareOfQuartier), overlaps.ToArray());
}

/// <summary>A quartier of one edition within the scope, and the quartiers of the other edition it shares ground with.</summary>
public sealed record EvolutionQuartierResponse(string Code, string Name, double AreaM2, double ShareOfQuartier, IReadOnlyList<EvolutionOverlapResponse> Overlaps);

/// <summary>
/// A quartier of the other edition: the shared area, its share of this quartier (<c>shareOfThis</c>) and of that one
/// (<c>shareOfOther</c>), both of the quartiers' whole areas.
/// </summary>
public sealed record EvolutionOverlapResponse(string Code, string Name, double SharedM2, double ShareOfThis, double ShareOfOther);

/// <summary>Whether an edition's figures are whole: <c>missing</c> lists register quartiers without perimeters.</summary>
public sealed record CompletenessResponse(bool Complete, IReadOnlyList<string> Missing, string? IncompleteReason)
{
    /// <summary>Maps a domain completeness.</summary>
    public static CompletenessResponse From(Completeness c) => new(c.Complete, c.Missing, c.Reason);
}
