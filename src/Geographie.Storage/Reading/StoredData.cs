using Geographie.Domain.Contrat;
using Geographie.Domain.Quartiers;

namespace Geographie.Storage.Reading;

/// <summary>Everything the in-memory snapshot is built from, read in one repeatable-read transaction.</summary>
public sealed record StoredData(long Revision, IReadOnlyList<Quartier> Quartiers, IReadOnlyList<Commune> Communes, ContratDeVille Contrat);
