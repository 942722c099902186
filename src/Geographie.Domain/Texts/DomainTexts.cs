namespace Geographie.Domain.Texts;

/// <summary>The French and English texts of <see cref="DomainText"/>.</summary>
public static class DomainTexts
{
    /// <summary>The catalogue.</summary>
    public static Catalogue<DomainText> Catalogue { get; } = new(
        new Dictionary<DomainText, string>
        {
            [DomainText.Inside] = "dans {0} {1}",
            [DomainText.UncertainInside] = "dans {0} {1}, mais plus près de sa limite que l'incertitude de position",
            [DomainText.UncertainOutside] = "hors QPV, mais plus près de {0} {1} que l'incertitude de position",
            [DomainText.Near] = "hors QPV, à moins de la distance de proximité de {0} {1}",
            [DomainText.Outside] = "hors de tout QPV de {0} ; le plus proche est {1} {2}",
            [DomainText.OutsideAll] = "hors de tout QPV de {0}, aucun dans le rayon de recherche",
            [DomainText.UnknownIn] = "{0} ({1}) compte {2} QPV au registre {3} dont les périmètres ne sont pas chargés",
            [DomainText.UnknownNear] = "{0} ({1}), à la distance demandée, compte des QPV dont les périmètres ne sont pas chargés : la bande ne peut pas être vérifiée",
            [DomainText.UnknownIncomplete] = "seuls {0} des {1} périmètres {2} sont chargés et son registre ne l'est pas : un point hors de ces périmètres peut encore être dans un QPV",
            [DomainText.UnknownNoCommune] = "ce point est hors des contours de communes livrés et les périmètres officiels ne sont pas chargés ici",
            [DomainText.GeographyAndDate] = "donnez une géographie ou une date, pas les deux",
            [DomainText.UnknownGeography] = "géographie '{0}' inconnue ; valeurs possibles : {1}",
            [DomainText.NoGeographyOnDate] = "aucune géographie QPV n'était en vigueur ici le {0} (la première date du 2015-01-01)",
            [DomainText.LocationBoth] = "donnez soit lon/lat (WGS84), soit x/y (Lambert-93), pas les deux",
            [DomainText.LocationMissing] = "une position est requise : lon et lat (degrés WGS84) ou x et y (mètres Lambert-93, EPSG:2154)",
            [DomainText.LocationBothProto] = "donnez soit wgs84, soit lambert93, pas les deux",
            [DomainText.LocationMissingProto] = "une position est requise : wgs84 {{lon, lat}} en degrés ou lambert93 {{x, y}} en mètres (EPSG:2154)",
            [DomainText.NotLambert93] = "x {0} y {1} n'est pas une position Lambert-93 en France métropolitaine (x entre 100000 et 1250000 environ, y entre 6000000 et 7150000)",
            [DomainText.OutOfRange] = "{0} {1} est hors de l'intervalle [{2}, {3}]",
            [DomainText.AxesSwapped] = "lon {0}, lat {1} est hors de France, mais lon {1}, lat {0} ne le serait pas : les axes semblent inversés (lon est la longitude, vers l'est ; lat la latitude, vers le nord)",
            [DomainText.OutsideFrance] = "lon {0}, lat {1} est hors de France ; les QPV n'existent qu'en {2}",
            [DomainText.Missing] = "{0} manque",
            [DomainText.NotFinite] = "{0} n'est pas un nombre fini",
            [DomainText.BandOutOfRange] = "{0} doit être un nombre de mètres entre 0 et {1}",
            [DomainText.NotANumber] = "{0} '{1}' n'est pas un nombre",
            [DomainText.NotAnIsoDate] = "date '{0}' n'est pas une date ISO (AAAA-MM-JJ)",
            [DomainText.LoadedElsewhere] = "des périmètres de {0} sont chargés ici",
        },
        new Dictionary<DomainText, string>
        {
            [DomainText.Inside] = "inside {0} {1}",
            [DomainText.UncertainInside] = "inside {0} {1}, but closer to its boundary than the position uncertainty",
            [DomainText.UncertainOutside] = "outside, but closer to {0} {1} than the position uncertainty",
            [DomainText.Near] = "outside, within the near distance of {0} {1}",
            [DomainText.Outside] = "outside every QPV of {0}; the nearest is {1} {2}",
            [DomainText.OutsideAll] = "outside every QPV of {0}, none within the search radius",
            [DomainText.UnknownIn] = "{0} ({1}) has {2} QPV in the {3} register whose perimeters are not loaded",
            [DomainText.UnknownNear] = "{0} ({1}), within the requested distance, has QPV whose perimeters are not loaded: the band cannot be checked",
            [DomainText.UnknownIncomplete] = "only {0} of the {1} {2} perimeters are loaded and its register is not: a point outside them may still lie in a QPV",
            [DomainText.UnknownNoCommune] = "this point lies outside the shipped commune outlines and the official perimeters are not loaded here",
            [DomainText.GeographyAndDate] = "give a geography or a date, not both",
            [DomainText.UnknownGeography] = "unknown geography '{0}'; expected one of {1}",
            [DomainText.NoGeographyOnDate] = "no QPV geography was in force on {0} here (the first took effect on 2015-01-01)",
            [DomainText.LocationBoth] = "give either lon/lat (WGS84) or x/y (Lambert-93), not both",
            [DomainText.LocationMissing] = "a location is required: lon and lat (WGS84 degrees) or x and y (Lambert-93 metres, EPSG:2154)",
            [DomainText.LocationBothProto] = "give either wgs84 or lambert93, not both",
            [DomainText.LocationMissingProto] = "a location is required: wgs84 {{lon, lat}} in degrees or lambert93 {{x, y}} in metres (EPSG:2154)",
            [DomainText.NotLambert93] = "x {0} y {1} is not a Lambert-93 position in metropolitan France (x about 100000..1250000, y about 6000000..7150000)",
            [DomainText.OutOfRange] = "{0} {1} is out of range [{2}, {3}]",
            [DomainText.AxesSwapped] = "lon {0}, lat {1} lies outside France, but lon {1}, lat {0} would not: the axes look swapped (lon is the longitude, east; lat the latitude, north)",
            [DomainText.OutsideFrance] = "lon {0}, lat {1} lies outside France; QPV exist only in {2}",
            [DomainText.Missing] = "{0} is missing",
            [DomainText.NotFinite] = "{0} is not a finite number",
            [DomainText.BandOutOfRange] = "{0} must be a number of metres between 0 and {1}",
            [DomainText.NotANumber] = "{0} '{1}' is not a number",
            [DomainText.NotAnIsoDate] = "date '{0}' is not an ISO date (YYYY-MM-DD)",
            [DomainText.LoadedElsewhere] = "perimeters of {0} are loaded here",
        });
}
