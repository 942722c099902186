using Geographie.Domain.Geography;
using Geographie.Import.Files;

namespace Geographie.Import.Editions;

/// <summary>
/// The attribute names of each official edition. 2024 (ANCT): <c>code_qp, lib_qp, insee_com, lib_com, insee_dep</c>.
/// 2015 (SIG Ville): <c>CODE_QP, NOM_QP, COMMUNE_QP</c>; some redistributions rename the last two
/// (<c>Nom du QPV</c>, <c>Commune</c>), accepted as aliases. Names are compared case-insensitively.
/// </summary>
public static class EditionFields
{
    private static readonly string[] CodeFields = ["code_qp", "CODE_QP"];
    private static readonly string[] NameFields = ["lib_qp", "NOM_QP", "Nom du QPV", "nom_qp"];
    private static readonly string[] CommuneCodeFields = ["insee_com", "CODE_COM", "INSEE_COM"];
    private static readonly string[] CommuneNameFields = ["lib_com", "COMMUNE_QP", "Commune", "NOM_COM"];
    private static readonly string[] DepartementFields = ["insee_dep", "CODE_DEP", "DEP"];

    /// <summary>The quartier code of a feature, or null.</summary>
    public static string? Code(SourceFeature feature) => feature.Attribute(CodeFields);

    /// <summary>The quartier name of a feature, or null.</summary>
    public static string? Name(SourceFeature feature) => feature.Attribute(NameFields);

    /// <summary>INSEE codes of the communes, split on ',' or ';' (a QPV may span several communes).</summary>
    public static IReadOnlyList<string> CommuneCodes(SourceFeature feature) => Split(feature.Attribute(CommuneCodeFields));

    /// <summary>Names of the communes, split the same way.</summary>
    public static IReadOnlyList<string> CommuneNames(SourceFeature feature) => Split(feature.Attribute(CommuneNameFields));

    /// <summary>The département field when the file has one.</summary>
    public static string? Departement(SourceFeature feature) => feature.Attribute(DepartementFields);

    /// <summary>
    /// The edition a file belongs to, from the shape of its first readable code (QN… 2024, QP… 2015), or null.
    /// </summary>
    public static GeographyVersion? DetectEdition(SourceFile file) =>
        file.Features.Select(Code).Where(c => c is not null).Select(GeographyVersions.OfCode).FirstOrDefault(v => v is not null);

    private static IReadOnlyList<string> Split(string? value) =>
        value is null ? [] : value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
