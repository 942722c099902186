using Geographie.Domain.Quartiers;
using Geographie.Domain.Snapshots;
using Geographie.Domain.Texts;

namespace Geographie.Domain.Eligibility;

/// <summary>
/// The reasons of one edition in one language, written once when the snapshot is built so that answering allocates
/// no text. Distances are not repeated here: they are in the answer's <c>distance_m</c>. Immutable.
/// </summary>
public sealed class ReasonTexts
{
    private readonly string[] _inside, _uncertainInside, _uncertainOutside, _near, _outside, _unknownIn, _unknownNear;

    internal ReasonTexts(EditionData edition, Language language)
    {
        var code = edition.Version.Code;
        string Text(DomainText id, params object?[] args) => DomainTexts.Catalogue.Format(language, id, args);
        string[] Each(Func<Quartier, string> text) => edition.WithPerimeter.Select(text).ToArray();
        _inside = Each(q => Text(DomainText.Inside, q.Code, q.Name));
        _uncertainInside = Each(q => Text(DomainText.UncertainInside, q.Code, q.Name));
        _uncertainOutside = Each(q => Text(DomainText.UncertainOutside, q.Code, q.Name));
        _near = Each(q => Text(DomainText.Near, q.Code, q.Name));
        _outside = Each(q => Text(DomainText.Outside, code, q.Code, q.Name));
        _unknownIn = edition.UnknownCommunes.Select(c =>
            Text(DomainText.UnknownIn, c.Name, c.Insee, edition.InCommune(c.Insee).Count(q => !q.HasPerimeter), code)).ToArray();
        _unknownNear = edition.UnknownCommunes.Select(c => Text(DomainText.UnknownNear, c.Name, c.Insee)).ToArray();
        OutsideAll = Text(DomainText.OutsideAll, code);
        UnknownIncomplete = Text(DomainText.UnknownIncomplete, edition.WithPerimeter.Count, edition.Version.ExpectedQuartierCount, code);
        UnknownNoCommune = Text(DomainText.UnknownNoCommune);
    }

    /// <summary>Outside, with no perimeter within the search radius.</summary>
    public string OutsideAll { get; }

    /// <summary>The edition's register is incomplete: no point outside its perimeters can be called outside.</summary>
    public string UnknownIncomplete { get; }

    /// <summary>No shipped commune outline holds the point, and perimeters are missing.</summary>
    public string UnknownNoCommune { get; }

    /// <summary>Inside the perimeter at position <paramref name="perimeter"/> of the edition's loaded perimeters.</summary>
    public string Inside(int perimeter) => _inside[perimeter];

    /// <summary>Inside, but the boundary is within the position uncertainty.</summary>
    public string UncertainInside(int perimeter) => _uncertainInside[perimeter];

    /// <summary>Outside, but the boundary is within the position uncertainty.</summary>
    public string UncertainOutside(int perimeter) => _uncertainOutside[perimeter];

    /// <summary>Outside, within the near distance.</summary>
    public string Near(int perimeter) => _near[perimeter];

    /// <summary>Outside; the perimeter named is the nearest.</summary>
    public string Outside(int perimeter) => _outside[perimeter];

    /// <summary>In a commune (position in the edition's unknown communes) whose register QPV lack perimeters.</summary>
    public string UnknownIn(int unknownCommune) => _unknownIn[unknownCommune];

    /// <summary>Within the bands of such a commune.</summary>
    public string UnknownNear(int unknownCommune) => _unknownNear[unknownCommune];
}
