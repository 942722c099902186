using Geographie.Domain.Quartiers;

namespace Geographie.Import.Register;

/// <summary>One quartier of the official register: code, name and communes, without a perimeter.</summary>
public sealed record RegisterEntry(string Code, string Name, IReadOnlyList<CommuneRef> Communes);
