using Geographie.Domain.Contrat;
using Geographie.Domain.Eligibility;
using Geographie.Domain.Quartiers;

namespace Geographie.Api.Http;

/// <summary>
/// The REST shape of one answer (v1). Status names are the proto's: INSIDE, OUTSIDE, NEAR, UNCERTAIN, UNKNOWN, INVALID.
/// <see cref="NearestLoaded"/>, <see cref="LoadedGeographies"/> and <see cref="Hint"/> are set on UNKNOWN answers only.
/// </summary>
public sealed record EligibilityResponse(
    string? Id,
    string Status,
    string Reason,
    string? Geography,
    EligibilityQuartier? Quartier,
    double? DistanceM,
    string? NearestCode,
    IReadOnlyList<ContratItem>? Defis,
    IReadOnlyList<ContratItem>? Projets,
    NearestLoadedQuartier? NearestLoaded = null,
    IReadOnlyList<string>? LoadedGeographies = null,
    string? Hint = null)
{
    /// <summary>The address matched when the request gave one (absent otherwise): see docs/addresses.md.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Addresses.MatchedAddress? Address { get; init; }
}

/// <summary>
/// The nearest of the loaded perimeters only, for an UNKNOWN answer: the true nearest QPV may be one whose perimeter
/// is not loaded, so this is never the answer's <c>quartier</c> or <c>distanceM</c>.
/// </summary>
public sealed record NearestLoadedQuartier(string Code, string Name, double DistanceM, string Geography);

/// <summary>The quartier of an answer.</summary>
public sealed record EligibilityQuartier(string Code, string Name, IReadOnlyList<CommuneDto> Communes, string Geography);

/// <summary>A défi or projet reaching the quartier (ids and titles); défi links are editorial.</summary>
public sealed record ContratItem(string Id, string Title, bool Editorial);

/// <summary>The one place where eligibility results become REST shapes.</summary>
public static class EligibilityResponses
{
    /// <summary>Status as written on every wire.</summary>
    public static string Wire(this EligibilityStatus status) => status switch
    {
        EligibilityStatus.Inside => "INSIDE",
        EligibilityStatus.Outside => "OUTSIDE",
        EligibilityStatus.Near => "NEAR",
        EligibilityStatus.Uncertain => "UNCERTAIN",
        EligibilityStatus.Unknown => "UNKNOWN",
        _ => "INVALID",
    };

    public static EligibilityResponse ToResponse(this EligibilityResult result, string? id, ContratDeVille? contrat) => new(
        id,
        result.Status.Wire(),
        result.Reason,
        result.Geography?.Code,
        result.Quartier is { } q ? new EligibilityQuartier(q.Code, q.Name, q.Communes.Select(c => new CommuneDto(c.Insee, c.Name)).ToArray(), q.Version) : null,
        result.DistanceM,
        result.Quartier is null ? result.Nearest?.Code : null,
        contrat is not null && result.Quartier is { } defiQuartier ? Defis(contrat, defiQuartier) : null,
        contrat is not null && result.Quartier is { } projetQuartier ? Projets(contrat, projetQuartier) : null,
        result.NearestLoaded is { } loaded ? new NearestLoadedQuartier(loaded.Code, loaded.Name, result.NearestLoadedM!.Value, loaded.Version) : null,
        result.LoadedHere?.Select(v => v.Code).ToArray(),
        result.Hint);

    internal static ContratItem[] Defis(ContratDeVille contrat, Quartier quartier) =>
        contrat.DefisOf(quartier).Select(d => new ContratItem(d.Defi.Id, d.Defi.Title, d.Via.All(v => v.Link.Editorial))).ToArray();

    internal static ContratItem[] Projets(ContratDeVille contrat, Quartier quartier) =>
        contrat.ProjetsReaching(quartier).Select(p => new ContratItem(p.Id, p.Title, false)).ToArray();
}
