using Geographie.Domain.Contrat;
using Geographie.Domain.Eligibility;
using Geographie.Domain.Quartiers;

namespace Geographie.Api.Http;

/// <summary>The REST shape of one answer (v1). Status names are the proto's: INSIDE, OUTSIDE, NEAR, UNCERTAIN, UNKNOWN, INVALID.</summary>
public sealed record EligibilityResponse(
    string? Id,
    string Status,
    string Reason,
    string? Geography,
    EligibilityQuartier? Quartier,
    double? DistanceM,
    string? NearestCode,
    IReadOnlyList<ContratItem>? Defis,
    IReadOnlyList<ContratItem>? Projets)
{
    /// <summary>The address matched when the request gave one (absent otherwise): see docs/addresses.md.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Addresses.MatchedAddress? Address { get; init; }
}

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
        contrat is not null && result.Quartier is { } projetQuartier ? Projets(contrat, projetQuartier) : null);

    internal static ContratItem[] Defis(ContratDeVille contrat, Quartier quartier) =>
        contrat.DefisOf(quartier).Select(d => new ContratItem(d.Defi.Id, d.Defi.Title, d.Via.All(v => v.Link.Editorial))).ToArray();

    internal static ContratItem[] Projets(ContratDeVille contrat, Quartier quartier) =>
        contrat.ProjetsReaching(quartier).Select(p => new ContratItem(p.Id, p.Title, false)).ToArray();
}
