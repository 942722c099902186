using Geographie.Api.Http;
using Geographie.Domain.Texts;
using Geographie.Domain.Contrat;
using Geographie.Domain.Geography;

namespace Geographie.Api.Tiles;

/// <summary>
/// What a tile request selects: a geography and optional défi, orientation and registre. Values are checked
/// against the loaded Contrat before anything is built, so no free text ever reaches a query.
/// </summary>
public sealed record TileFilter(GeographyVersion Geography, string? Defi, string? Orientation, string? Registre)
{
    /// <summary>True when a Contrat filter is set.</summary>
    public bool Filters => Defi is not null || Orientation is not null || Registre is not null;

    /// <summary>A stable key for caches.</summary>
    public string Variant => $"{Geography.Code}|{Defi}|{Orientation}|{Registre}";

    /// <summary>True when <paramref name="projet"/> passes the Contrat filters.</summary>
    public bool Keeps(Projet projet) => new ProjetFilter(Orientation, Registre, Defi).Keeps(projet);

    /// <summary>Parses the query values; the dictionary holds one message per bad parameter, in <paramref name="language"/>.</summary>
    public static TileFilter? TryParse(
        Language language, ContratDeVille contrat, string? geography, string? defi, string? orientation, string? registre, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var version = geography is null ? GeographyVersions.Default : GeographyVersions.Find(geography);
        if (version is null)
        {
            errors["geography"] = [GeographyVersions.UnknownMessage(language, InputEcho.Quote(geography))];
        }
        Check(language, errors, "defi", defi, contrat.Defis.Select(d => d.Id));
        Check(language, errors, "orientation", orientation, contrat.Orientations.Select(o => o.Id));
        Check(language, errors, "registre", registre, contrat.Projets.SelectMany(p => p.Registres).Distinct());
        return errors.Count == 0 ? new TileFilter(version!, defi, orientation, registre) : null;
    }

    private static void Check(Language language, Dictionary<string, string[]> errors, string name, string? value, IEnumerable<string> known)
    {
        var list = known.Order(StringComparer.Ordinal).ToArray();
        if (value is not null && !list.Contains(value, StringComparer.Ordinal))
        {
            errors[name] = [Domain.KnownValues.UnknownMessage(language, name, InputEcho.Quote(value), list)];
        }
    }
}
