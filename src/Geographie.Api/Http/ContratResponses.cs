using Geographie.Domain.Contrat;
using Geographie.Domain.Quartiers;
using Geographie.Domain.Snapshots;
using NetTopologySuite.Geometries;

namespace Geographie.Api.Http;

/// <summary>A commune as the REST API shows it.</summary>
public sealed record CommuneDto(string? Insee, string Name);

/// <summary>A quartier in lists and search results.</summary>
public sealed record QuartierSummary(
    string Code, string Name, string Geography, string Departement, IReadOnlyList<CommuneDto> Communes,
    bool PerimeterLoaded, double[]? Bbox, bool InMetropole);

/// <summary>A quartier with what the Contrat de ville says of it.</summary>
public sealed record QuartierDetail(
    string Code, string Name, string Geography, string Departement, IReadOnlyList<CommuneDto> Communes,
    bool PerimeterLoaded, double? AreaM2, double[]? Bbox, Geometry? Perimeter, bool InMetropole,
    IReadOnlyList<QuartierDefi> Defis, IReadOnlyList<ProjetSummary> Projets, IReadOnlyList<DeliberationSummary> Deliberations);

/// <summary>A défi reaching a quartier through projets; <see cref="Editorial"/> is true (see DefiLink).</summary>
public sealed record QuartierDefi(string Id, int Number, string Title, bool Editorial, string Justification, IReadOnlyList<string> ViaProjets);

/// <summary>A projet in lists.</summary>
public sealed record ProjetSummary(string Id, string Title, string OrientationId, IReadOnlyList<string> Registres, string Scope, IReadOnlyList<DefiLink> Defis);

/// <summary>A délibération in lists.</summary>
public sealed record DeliberationSummary(string Id, string Kind, string? Reference, DateOnly? Date, string Title);

/// <summary>The one place where domain objects become REST shapes.</summary>
public static class ContratResponses
{
    public static QuartierSummary ToSummary(this Quartier q, ContratDeVille contrat) => new(
        q.Code, q.Name, q.Version, q.Departement, Communes(q), q.HasPerimeter, Bbox(q), contrat.IsInMetropole(q));

    public static QuartierDetail ToDetail(this Quartier q, ContratDeVille contrat) => new(
        q.Code, q.Name, q.Version, q.Departement, Communes(q), q.HasPerimeter,
        q.AreaM2 is { } area ? Math.Round(area, 1) : null, Bbox(q), q.Perimeter, contrat.IsInMetropole(q),
        contrat.DefisOf(q).Select(d => new QuartierDefi(
            d.Defi.Id, d.Defi.Number, d.Defi.Title, d.Via.All(v => v.Link.Editorial),
            d.Via[0].Link.Justification, d.Via.Select(v => v.Projet.Id).ToArray())).ToArray(),
        contrat.ProjetsReaching(q).Select(ToSummary).ToArray(),
        contrat.DeliberationsReaching(q).Select(ToSummary).ToArray());

    public static ProjetSummary ToSummary(this Projet p) => new(p.Id, p.Title, p.OrientationId, p.Registres, p.Scope.Kind.Spelling(), p.Defis);

    public static DeliberationSummary ToSummary(this Deliberation d) => new(d.Id, d.Kind, d.Reference, d.Date, d.Title);

    private static CommuneDto[] Communes(Quartier q) => q.Communes.Select(c => new CommuneDto(c.Insee, c.Name)).ToArray();

    private static double[]? Bbox(Quartier q) => q.Perimeter?.EnvelopeInternal is { } e
        ? [Math.Round(e.MinX, 6), Math.Round(e.MinY, 6), Math.Round(e.MaxX, 6), Math.Round(e.MaxY, 6)]
        : null;

    /// <summary>The quartiers reached by a projet, in <paramref name="snapshot"/>'s 2024 edition.</summary>
    public static IEnumerable<Quartier> QuartiersReachedBy(this GeographySnapshot snapshot, Projet projet) =>
        snapshot.Edition(Domain.Geography.GeographyVersions.Qpv2024).Quartiers
            .Where(q => snapshot.Contrat.ProjetsReaching(q).Contains(projet));
}
