namespace Geographie.Domain.Texts;

/// <summary>The messages of the domain: eligibility reasons and request problems. Their texts are in <see cref="DomainTexts"/>.</summary>
public enum DomainText
{
    /// <summary>{0} code, {1} name.</summary>
    Inside,
    /// <summary>{0} code, {1} name.</summary>
    UncertainInside,
    /// <summary>{0} code, {1} name.</summary>
    UncertainOutside,
    /// <summary>{0} code, {1} name.</summary>
    Near,
    /// <summary>{0} geography, {1} code, {2} name.</summary>
    Outside,
    /// <summary>{0} geography.</summary>
    OutsideAll,
    /// <summary>{0} commune, {1} INSEE, {2} count, {3} geography.</summary>
    UnknownIn,
    /// <summary>{0} commune, {1} INSEE.</summary>
    UnknownNear,
    /// <summary>{0} loaded, {1} expected, {2} geography.</summary>
    UnknownIncomplete,
    /// <summary>No placeholder.</summary>
    UnknownNoCommune,
    /// <summary>No placeholder.</summary>
    GeographyAndDate,
    /// <summary>{0} the code given, {1} the codes known.</summary>
    UnknownGeography,
    /// <summary>{0} the date.</summary>
    NoGeographyOnDate,
    /// <summary>No placeholder: REST's words (lon/lat, x/y).</summary>
    LocationBoth,
    /// <summary>No placeholder: REST's words.</summary>
    LocationMissing,
    /// <summary>No placeholder: the proto's words (wgs84, lambert93).</summary>
    LocationBothProto,
    /// <summary>No placeholder: the proto's words.</summary>
    LocationMissingProto,
    /// <summary>{0} x, {1} y.</summary>
    NotLambert93,
    /// <summary>{0} field, {1} value, {2} minimum, {3} maximum.</summary>
    OutOfRange,
    /// <summary>{0} lon, {1} lat.</summary>
    AxesSwapped,
    /// <summary>{0} lon, {1} lat, {2} the extents.</summary>
    OutsideFrance,
    /// <summary>{0} field.</summary>
    Missing,
    /// <summary>{0} field.</summary>
    NotFinite,
    /// <summary>{0} field, {1} maximum metres.</summary>
    BandOutOfRange,
    /// <summary>{0} field, {1} the text given.</summary>
    NotANumber,
    /// <summary>{0} the text given.</summary>
    NotAnIsoDate,
    /// <summary>{0} the geographies.</summary>
    LoadedElsewhere,
    /// <summary>{0} the parameter, {1} the value given, {2} the values known.</summary>
    UnknownValue,
    /// <summary>{0} the geometry library's fault, {1} where.</summary>
    ZoneNotRepairable,
    /// <summary>{0} the geometry library's fault, {1} where.</summary>
    ZoneRepaired,
    /// <summary>No placeholder.</summary>
    ZoneNoGeometry,
    /// <summary>{0} the geometry type given.</summary>
    ZoneNotArea,
    /// <summary>No placeholder.</summary>
    ZoneEmpty,
    /// <summary>{0}..{1} longitudes, {2}..{3} latitudes, {4} the accepted extent.</summary>
    ZoneOutsideFrance,
    /// <summary>No placeholder.</summary>
    ZoneTwoTerritories,
    /// <summary>No placeholder.</summary>
    ZoneLambert93Overseas,
    /// <summary>No placeholder.</summary>
    ZoneUnknownPlace,
    /// <summary>{0} the edition, {1} the communes touched.</summary>
    OverlapRegisterGaps,
    /// <summary>{0} the edition, {1} quartiers known, {2} quartiers expected.</summary>
    OverlapRegisterPartial,
    /// <summary>No placeholder.</summary>
    OverlapOutsideOutlines,
    /// <summary>{0} how many, {1} the edition.</summary>
    EvolutionPerimetersMissing,
    /// <summary>{0} the edition, {1} quartiers known, {2} quartiers expected.</summary>
    EvolutionRegisterPartial,
}
