using Geographie.Api.Data;

namespace Geographie.Api.Http;

/// <summary>The body of <c>/readyz</c>.</summary>
public sealed record Readiness(
    bool Ready,
    string Database,
    long? Revision,
    DateTimeOffset? LoadedAt,
    double? BuildMilliseconds,
    string? LastError,
    IReadOnlyList<Readiness.EditionStatus> Geographies,
    int Communes,
    int CommuneOutlines,
    Readiness.ContratStatus Contrat)
{
    /// <summary>How much of the Contrat de ville is loaded.</summary>
    public sealed record ContratStatus(int Defis, int Orientations, int Projets, int Chantiers, int Deliberations, int MetropoleQuartiers);

    /// <summary>What is loaded for one edition.</summary>
    public sealed record EditionStatus(
        string Code, string Decret, int Quartiers, int PerimetersLoaded, int PerimetersMissing, bool Complete, string Note);

    internal static Readiness Describe(GeographyState state, string database)
    {
        var snapshot = state.Current;
        var editions = snapshot?.Editions.Select(e => new EditionStatus(
            e.Version.Code, e.Version.Decret, e.Quartiers.Count, e.WithPerimeter.Count,
            e.Quartiers.Count - e.WithPerimeter.Count, e.IsComplete,
            e.IsComplete
                ? "official perimeters loaded"
                : $"{e.WithPerimeter.Count} of the {e.Version.ExpectedQuartierCount} perimeters of the décret are loaded: answers are UNKNOWN where perimeters are missing"))
            .ToArray() ?? [];
        return new Readiness(
            database == "reachable" && snapshot is not null,
            database,
            snapshot?.Revision,
            snapshot?.LoadedAt,
            snapshot is null ? null : Math.Round(state.LastBuildTime.TotalMilliseconds, 1),
            state.LastError,
            editions,
            snapshot?.Communes.Count ?? 0,
            snapshot?.Communes.Count(c => c.Outline is not null) ?? 0,
            snapshot?.Contrat is { } contrat
                ? new ContratStatus(contrat.Defis.Count, contrat.Orientations.Count, contrat.Projets.Count, contrat.Chantiers.Count,
                    contrat.Deliberations.Count, contrat.Territoires.Quartiers.Count)
                : new ContratStatus(0, 0, 0, 0, 0, 0));
    }
}
