using Geographie.Domain.Texts;

namespace Geographie.Features;

/// <summary>The French and English texts of <see cref="FeatureText"/>.</summary>
public static class FeatureTexts
{
    /// <summary>The catalogue.</summary>
    public static Catalogue<FeatureText> Catalogue { get; } = new(
        new Dictionary<FeatureText, string>
        {
            [FeatureText.ParameterUnknown] = "paramètre '{0}' inconnu ; les items d'une collection prennent {1}",
            [FeatureText.ParameterRepeated] = "'{0}' est donné plus d'une fois",
            [FeatureText.NotWholeNumber] = "{0} doit être un nombre entier d'au moins {1}, pas '{2}'",
            [FeatureText.Empty] = "{0} est vide ; omettez-le pour prendre tout {0}",
            [FeatureText.BboxCount] = "bbox prend 4 nombres (minLon,minLat,maxLon,maxLat) ou 6 (avec les hauteurs), pas {0}",
            [FeatureText.BboxNotNumber] = "la valeur de bbox '{0}' n'est pas un nombre",
            [FeatureText.BboxLongitudes] = "les longitudes de bbox doivent être entre -180 et 180 (CRS84 : longitude d'abord)",
            [FeatureText.BboxLatitudes] = "les latitudes de bbox doivent être entre -90 et 90 (CRS84 : longitude d'abord, puis latitude)",
            [FeatureText.BboxLatitudeOrder] = "la latitude minimale de bbox {0} est au-dessus de la maximale {1}",
            [FeatureText.Datetime] = "datetime doit être une date ou date-heure RFC 3339 (2024-06-01, 2024-06-01T12:00:00Z) ou un intervalle de deux, ouvert par '..' (2015-01-01/.., ../2023-12-31), le début en premier ; pas '{0}'",
        },
        new Dictionary<FeatureText, string>
        {
            [FeatureText.ParameterUnknown] = "unknown parameter '{0}'; the items of a collection take {1}",
            [FeatureText.ParameterRepeated] = "'{0}' is given more than once",
            [FeatureText.NotWholeNumber] = "{0} must be a whole number of at least {1}, not '{2}'",
            [FeatureText.Empty] = "{0} is empty; leave it out to take every {0}",
            [FeatureText.BboxCount] = "bbox takes 4 numbers (minLon,minLat,maxLon,maxLat) or 6 (with heights), not {0}",
            [FeatureText.BboxNotNumber] = "bbox value '{0}' is not a number",
            [FeatureText.BboxLongitudes] = "bbox longitudes must lie within -180..180 (CRS84: longitude first)",
            [FeatureText.BboxLatitudes] = "bbox latitudes must lie within -90..90 (CRS84: longitude first, then latitude)",
            [FeatureText.BboxLatitudeOrder] = "bbox minimum latitude {0} is above the maximum {1}",
            [FeatureText.Datetime] = "datetime must be an RFC 3339 date or date-time (2024-06-01, 2024-06-01T12:00:00Z) or an interval of two, either open as '..' (2015-01-01/.., ../2023-12-31), with the start first; not '{0}'",
        });
}
