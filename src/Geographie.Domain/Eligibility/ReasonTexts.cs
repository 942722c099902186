using Geographie.Domain.Quartiers;
using Geographie.Domain.Snapshots;

namespace Geographie.Domain.Eligibility;

/// <summary>
/// The reasons of one edition, written once when the snapshot is built so that answering allocates no text.
/// Distances are not repeated here: they are in the answer's <c>distance_m</c>.
/// </summary>
public sealed class ReasonTexts
{
    private readonly string[] _inside, _uncertainInside, _uncertainOutside, _near, _outside, _unknownIn, _unknownNear;

    internal ReasonTexts(EditionData edition)
    {
        var code = edition.Version.Code;
        string[] Each(Func<Quartier, string> text) => edition.WithPerimeter.Select(text).ToArray();
        _inside = Each(q => $"inside {q.Code} {q.Name}");
        _uncertainInside = Each(q => $"inside {q.Code} {q.Name}, but closer to its boundary than the position uncertainty");
        _uncertainOutside = Each(q => $"outside, but closer to {q.Code} {q.Name} than the position uncertainty");
        _near = Each(q => $"outside, within the near distance of {q.Code} {q.Name}");
        _outside = Each(q => $"outside every QPV of {code}; the nearest is {q.Code} {q.Name}");
        _unknownIn = edition.UnknownCommunes.Select(c =>
            $"{c.Name} ({c.Insee}) has {edition.InCommune(c.Insee).Count(q => !q.HasPerimeter)} QPV in the {code} register whose perimeters are not loaded").ToArray();
        _unknownNear = edition.UnknownCommunes.Select(c =>
            $"{c.Name} ({c.Insee}), within the requested distance, has QPV whose perimeters are not loaded: the band cannot be checked").ToArray();
        OutsideAll = $"outside every QPV of {code}, none within the search radius";
        UnknownIncomplete = $"only {edition.WithPerimeter.Count} of the {edition.Version.ExpectedQuartierCount} {code} perimeters are loaded and its register is not: a point outside them may still lie in a QPV";
    }

    /// <summary>Outside, with no perimeter within the search radius.</summary>
    public string OutsideAll { get; }

    /// <summary>The edition's register is incomplete: no point outside its perimeters can be called outside.</summary>
    public string UnknownIncomplete { get; }

    /// <summary>No shipped commune outline holds the point, and perimeters are missing.</summary>
    public static string UnknownNoCommune => "this point lies outside the shipped commune outlines and the official perimeters are not loaded here";

    public string Inside(int perimeter) => _inside[perimeter];
    public string UncertainInside(int perimeter) => _uncertainInside[perimeter];
    public string UncertainOutside(int perimeter) => _uncertainOutside[perimeter];
    public string Near(int perimeter) => _near[perimeter];
    public string Outside(int perimeter) => _outside[perimeter];
    public string UnknownIn(int unknownCommune) => _unknownIn[unknownCommune];
    public string UnknownNear(int unknownCommune) => _unknownNear[unknownCommune];
}
