using Geographie.Domain.Geography;
using Geographie.Domain.Quartiers;
using Geographie.Spatial;
using Geographie.Spatial.Areas;

namespace Geographie.Domain.Snapshots;

/// <summary>
/// The quartiers of one edition, by code and by commune, and what is known about their perimeters. Immutable.
/// </summary>
public sealed class EditionData
{
    private readonly Dictionary<string, Quartier> _byCode;
    private readonly ILookup<string, Quartier> _byCommune;
    private readonly Eligibility.ReasonTexts[] _reasons;
    private readonly Overlaps.Completeness[] _registerPartial;
    private readonly Quartier[] _withPerimeter;

    // Built on first use: eligibility never needs the projected copies, and a snapshot swap should not pay for them.
    private readonly Lazy<OverlapIndex> _overlaps;
    private readonly bool[] _unknownOutline;

    internal EditionData(GeographyVersion version, IReadOnlyList<Quartier> quartiers, IReadOnlyList<Commune> outlined, IndexStrategy strategy)
    {
        Version = version;
        Quartiers = quartiers;
        // Codes are upper case; people type them in any case (qn01344m).
        _byCode = quartiers.ToDictionary(q => q.Code, StringComparer.OrdinalIgnoreCase);
        _byCommune = quartiers
            .SelectMany(q => q.Communes.Where(c => c.Insee is not null)
                .SelectMany(c => CommuneResolver.CityOf(c.Insee!) is { } city ? [c.Insee!, city] : new[] { c.Insee! })
                .Distinct(StringComparer.Ordinal)
                .Select(insee => (insee, q)))
            .ToLookup(p => p.insee, p => p.q, StringComparer.Ordinal);
        _withPerimeter = quartiers.Where(q => q.HasPerimeter).ToArray();
        // Asked on every eligibility answer: decided once here.
        RegisterComplete = quartiers.Count >= version.ExpectedQuartierCount;
        IsComplete = RegisterComplete && _withPerimeter.Length == quartiers.Count;
        Perimeters = PerimeterIndex.Build(_withPerimeter.Select((q, i) => new Perimeter(i, q.Perimeter!)).ToArray(), strategy);
        var missing = quartiers.Where(q => !q.HasPerimeter).SelectMany(q => q.Communes).Select(c => c.Insee).ToHashSet(StringComparer.Ordinal);
        UnknownCommunes = outlined.Where(c => missing.Contains(c.Insee)).ToArray();
        _unknownOutline = outlined.Select(c => missing.Contains(c.Insee)).ToArray();
        // Asked only on incomplete editions: the grid walk is enough, and commune outlines are dense everywhere.
        UnknownZones = PerimeterIndex.Build(UnknownCommunes.Select((c, i) => new Perimeter(i, c.Outline!)).ToArray(), strategy, nearestRadiusMetres: 0);
        _reasons = Enum.GetValues<Texts.Language>().Select(language => new Eligibility.ReasonTexts(this, language)).ToArray();
        _registerPartial = Enum.GetValues<Texts.Language>().Select(language => new Overlaps.Completeness(false, [], Texts.DomainTexts.Catalogue.Format(
            language, Texts.DomainText.OverlapRegisterPartial, version.Code, quartiers.Count, version.ExpectedQuartierCount))).ToArray();
        _overlaps = new(() => new OverlapIndex(_withPerimeter.Select((q, i) => new Perimeter(i, q.Perimeter!)).ToArray()));
    }

    /// <summary>The loaded perimeters for area measures; ids are positions in <see cref="WithPerimeter"/>. Built on first use.</summary>
    public OverlapIndex Overlaps => _overlaps.Value;

    /// <summary>
    /// Whether the commune at <paramref name="outlinedPosition"/> in the snapshot's outlined communes (the ids of
    /// <see cref="GeographySnapshot.CommuneOverlaps"/>) is one of <see cref="UnknownCommunes"/>.
    /// </summary>
    public bool IsUnknownOutline(int outlinedPosition) => _unknownOutline[outlinedPosition];

    /// <summary>
    /// The completeness of an overlap while the register is not loaded whole (<see cref="RegisterComplete"/> false),
    /// written once per language: every zone of a request answered so shares it.
    /// </summary>
    public Overlaps.Completeness RegisterPartial(Texts.Language language) => _registerPartial[(int)language];

    /// <summary>The reasons eligibility answers give for this edition, written once per language.</summary>
    public Eligibility.ReasonTexts Reasons(Texts.Language language) => _reasons[(int)language];

    /// <summary>The index of the loaded perimeters; ids are positions in <see cref="WithPerimeter"/>.</summary>
    public PerimeterIndex Perimeters { get; }

    /// <summary>
    /// Communes (with shipped outlines) where the register lists quartiers whose perimeters are not loaded:
    /// a point in or near them cannot be answered OUTSIDE.
    /// </summary>
    public IReadOnlyList<Commune> UnknownCommunes { get; }

    /// <summary>The index of <see cref="UnknownCommunes"/>; ids are positions in that list.</summary>
    public PerimeterIndex UnknownZones { get; }

    /// <summary>True when the register of this edition is loaded whole (every quartier of the décret is known).</summary>
    public bool RegisterComplete { get; }

    /// <summary>The edition.</summary>
    public GeographyVersion Version { get; }

    /// <summary>Every quartier known for this edition (from the register and/or perimeter files), by code.</summary>
    public IReadOnlyList<Quartier> Quartiers { get; }

    /// <summary>The quartiers whose perimeter is loaded, in code order.</summary>
    public IReadOnlyList<Quartier> WithPerimeter => _withPerimeter;

    /// <summary>
    /// The quartier of perimeter <paramref name="perimeter"/> of <see cref="Perimeters"/> (<see cref="WithPerimeter"/> at
    /// that position), read straight from the array: once or twice per eligibility answer.
    /// </summary>
    public Quartier WithPerimeterAt(int perimeter) => _withPerimeter[perimeter];

    /// <summary>
    /// True when the whole register is loaded and every quartier in it has its perimeter, so a point outside all of
    /// them is certainly outside. Counting perimeters is not enough: an official file with a code the register does not
    /// know must not hide a register quartier whose perimeter is missing. False with the shipped data.
    /// </summary>
    public bool IsComplete { get; }

    /// <summary>The quartier with that code (in any case), or null.</summary>
    public Quartier? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>
    /// The quartiers of a commune (by INSEE code), from the register or the perimeter files; a city's quartiers include
    /// those of its municipal arrondissements (69123 Lyon holds those of 69388 Lyon 8e Arrondissement).
    /// </summary>
    public IEnumerable<Quartier> InCommune(string insee) => _byCommune[insee];
}
