using Geographie.Domain.Contrat;
using Geographie.Domain.Quartiers;

namespace Geographie.Domain.Snapshots;

/// <summary>
/// Everything a <see cref="GeographySnapshot"/> is built from, at one data revision, as an <see cref="ISnapshotSource"/>
/// reads it (consistently: never half an import).
/// </summary>
public sealed record SnapshotData(long Revision, IReadOnlyList<Quartier> Quartiers, IReadOnlyList<Commune> Communes, ContratDeVille Contrat);
