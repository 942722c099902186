using Geographie.Addresses;
using Microsoft.AspNetCore.Mvc;

namespace Geographie.Api.Addresses;

/// <summary>
/// The address fields of a REST eligibility request: <c>address</c> (free text) and the structured <c>numero</c>,
/// <c>voie</c>, <c>code_postal</c>, <c>commune</c>, <c>citycode</c>.
/// </summary>
public sealed class AddressFields
{
    /// <summary>Free text, such as <c>12 rue Joffre 54111 Mont-Bonvillers</c>.</summary>
    [FromQuery(Name = "address")] public string? Address { get; set; }

    /// <summary>House number with its suffix.</summary>
    [FromQuery(Name = "numero")] public string? Numero { get; set; }

    /// <summary>Street name.</summary>
    [FromQuery(Name = "voie")] public string? Voie { get; set; }

    /// <summary>Postcode.</summary>
    [FromQuery(Name = "code_postal")] public string? CodePostal { get; set; }

    /// <summary>Commune name.</summary>
    [FromQuery(Name = "commune")] public string? Commune { get; set; }

    /// <summary>Commune INSEE code.</summary>
    [FromQuery(Name = "citycode")] public string? CityCode { get; set; }

    /// <summary>The query these fields make.</summary>
    public AddressQuery ToQuery() => new(Address, Numero, Voie, CodePostal, CityCode, Commune);
}
