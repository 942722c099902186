namespace Geographie.Domain.Eligibility;

/// <summary>The answer to "does this point lie in a QPV?". Never a guess: <see cref="Unknown"/> when perimeters are missing.</summary>
public enum EligibilityStatus
{
    /// <summary>Covered by a QPV perimeter (the boundary counts as inside, like PostGIS ST_Covers).</summary>
    Inside = 1,
    /// <summary>Outside every QPV, and farther than the requested bands from any.</summary>
    Outside = 2,
    /// <summary>Outside, but within the requested near distance of a QPV boundary.</summary>
    Near = 3,
    /// <summary>Within the caller's position uncertainty of a QPV boundary: either answer could be true.</summary>
    Uncertain = 4,
    /// <summary>The register lists QPV here (or nearby) whose perimeters are not loaded.</summary>
    Unknown = 5,
    /// <summary>The request cannot be answered as given; the reason says why.</summary>
    Invalid = 6,
}
