using Geographie.Domain.Geography;
using Geographie.Import.Editions;

namespace Geographie.Import.Validation;

/// <summary>
/// The outcome of validating one official file: the usable features, the repairs made, and the problems
/// that forbid the import. An import proceeds only when <see cref="Problems"/> is empty.
/// </summary>
public sealed record ValidatedFile(
    GeographyVersion Edition,
    int SourceSrid,
    IReadOnlyList<QuartierFeature> Features,
    IReadOnlyList<FeatureProblem> Repairs,
    IReadOnlyList<FeatureProblem> Problems)
{
    /// <summary>True when every feature can be imported.</summary>
    public bool IsAcceptable => Problems.Count == 0;
}
