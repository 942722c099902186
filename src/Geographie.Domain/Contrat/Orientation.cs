namespace Geographie.Domain.Contrat;

/// <summary>One of the 5 orientations, with its caps à suivre and its strategic indicators.</summary>
public sealed record Orientation(
    string Id,
    int Number,
    string Title,
    IReadOnlyList<string> Caps,
    IReadOnlyList<Orientation.CapDetail> CapsDetail,
    IReadOnlyList<Orientation.Levier> Leviers,
    IReadOnlyList<string> IndicateursStrategiques,
    SeedSource Source,
    SeedSource? IndicateursSource = null,
    string? Note = null)
{
    /// <summary>A cap with the paragraph that explains it.</summary>
    public sealed record CapDetail(string Title, string Text);

    /// <summary>A list of actions "pour mieux …" under a theme.</summary>
    public sealed record Levier(string Bloc, string Theme, IReadOnlyList<string> Actions);
}
