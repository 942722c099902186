namespace Geographie.Domain.Quartiers;

/// <summary>
/// A commune named by its INSEE code (5 characters: 13055, 2A004, 97411) and its name. The code is null
/// when the source gives only the name (the 2015 files name communes without codes).
/// </summary>
public sealed record CommuneRef(string? Insee, string Name);
