namespace Geographie.Domain.Contrat;

/// <summary>
/// The Contrat filters a caller may put on projets (REST lists, map tiles): each null value lets every projet
/// through. Immutable; the values are expected to be checked against the Contrat first.
/// </summary>
public sealed record ProjetFilter(string? Orientation, string? Registre, string? Defi)
{
    /// <summary>True when <paramref name="projet"/> has the orientation, the registre and a link to the défi asked for.</summary>
    public bool Keeps(Projet projet) =>
        (Orientation is null || projet.OrientationId == Orientation)
        && (Registre is null || projet.Registres.Contains(Registre))
        && (Defi is null || projet.Defis.Any(l => l.DefiId == Defi));
}
