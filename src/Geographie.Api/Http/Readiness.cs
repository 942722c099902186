using Geographie.Api.Data;

namespace Geographie.Api.Http;

/// <summary>
/// The body of <c>/readyz</c>. <see cref="Ready"/> means a snapshot is loaded and served: a replica keeps answering
/// from memory while the database is away, so a database blip must not take every replica out of the balancer.
/// The database's reachability and the snapshot's staleness are reported beside it, without addresses or error
/// texts (they may name hosts; the log has them).
/// </summary>
public sealed record Readiness(
    bool Ready,
    Readiness.DatabaseStatus Database,
    long? Revision,
    DateTimeOffset? LoadedAt,
    double? BuildMilliseconds,
    double? SnapshotAgeSeconds,
    IReadOnlyList<Readiness.EditionStatus> Geographies,
    int Communes,
    int CommuneOutlines,
    Readiness.ContratStatus Contrat)
{
    /// <summary>
    /// What the refresher last learnt of PostGIS: <c>reachable</c> when its last revision check answered,
    /// <c>answeredAt</c> the time of that answer (the snapshot was current then), <c>unreachableSince</c> while it fails.
    /// </summary>
    public sealed record DatabaseStatus(bool Reachable, DateTimeOffset? AnsweredAt, DateTimeOffset? UnreachableSince);

    /// <summary>How much of the Contrat de ville is loaded.</summary>
    public sealed record ContratStatus(int Defis, int Orientations, int Projets, int Chantiers, int Deliberations, int MetropoleQuartiers);

    /// <summary>What is loaded for one edition.</summary>
    public sealed record EditionStatus(
        string Code, string Decret, int Quartiers, int PerimetersLoaded, int PerimetersMissing, bool Complete, string Note);

    internal static Readiness Describe(GeographyState state, DateTimeOffset now)
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
            snapshot is not null,
            new DatabaseStatus(state.DatabaseAnsweredAt is not null && state.DatabaseUnreachableSince is null,
                state.DatabaseAnsweredAt, state.DatabaseUnreachableSince),
            snapshot?.Revision,
            snapshot?.LoadedAt,
            snapshot is null ? null : Math.Round(state.LastBuildTime.TotalMilliseconds, 1),
            snapshot is null ? null : Math.Round((now - snapshot.LoadedAt).TotalSeconds, 1),
            editions,
            snapshot?.Communes.Count ?? 0,
            snapshot?.Communes.Count(c => c.Outline is not null) ?? 0,
            snapshot?.Contrat is { } contrat
                ? new ContratStatus(contrat.Defis.Count, contrat.Orientations.Count, contrat.Projets.Count, contrat.Chantiers.Count,
                    contrat.Deliberations.Count, contrat.Territoires.Quartiers.Count)
                : new ContratStatus(0, 0, 0, 0, 0, 0));
    }
}
