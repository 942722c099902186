using Geographie.Addresses;
using Geographie.Api.Http;
using Geographie.Domain.Texts;

namespace Geographie.Api.Texts;

/// <summary>
/// The French and English texts of <see cref="AddressFault"/>: why an address has no match, worded here because the
/// address core writes no sentence. The subject (the caller's words, or an external geocoder's) is quoted back
/// through <see cref="InputEcho"/>; the postcode and INSEE code the search was narrowed to follow.
/// </summary>
public static class AddressTexts
{
    /// <summary>The catalogue.</summary>
    public static Catalogue<AddressFault> Catalogue { get; } = new(
        new Dictionary<AddressFault, string>
        {
            [AddressFault.Empty] = "l'adresse est vide : donnez le texte de l'adresse, ou numero et voie avec code_postal, citycode ou commune",
            [AddressFault.PostcodeMalformed] = "code_postal '{0}' n'est pas un code postal français (5 chiffres)",
            [AddressFault.NumberMalformed] = "numero '{0}' n'est pas un numéro dans la voie (tel que 12, 12bis ou 12 b)",
            [AddressFault.CityCodeMalformed] = "citycode '{0}' n'est pas un code INSEE de commune (5 caractères)",
            [AddressFault.NothingLoaded] = "aucune adresse n'est chargée : importez des fichiers BAL ou BAN avec geographie import-addresses",
            [AddressFault.CityCodeUnknown] = "aucune adresse n'est connue dans la commune de code INSEE {0}",
            [AddressFault.PostcodeUnknown] = "aucune adresse connue n'a le code postal {0}",
            [AddressFault.CommuneUnknown] = "aucune commune connue ne s'appelle '{0}'",
            [AddressFault.StreetMissing] = "donnez une voie : l'adresse n'en nomme aucune",
            [AddressFault.StreetAndCommuneMissing] = "donnez une voie et une commune : l'adresse ne nomme aucune voie",
            [AddressFault.StreetUnknown] = "aucune voie connue ne correspond à '{0}'",
            [AddressFault.GeocoderFoundNothing] = "le géocodeur n'a trouvé aucune adresse pour '{0}'",
            [AddressFault.GeocoderRefused] = "le géocodeur a refusé l'adresse : {0}",
            [AddressFault.GeocoderStatus] = "le géocodeur a répondu {0}",
            [AddressFault.GeocoderCircuitOpen] = "le géocodeur est indisponible : il a échoué plusieurs fois de suite et n'est plus sollicité pendant un moment (circuit ouvert)",
            [AddressFault.GeocoderTimeout] = "le géocodeur n'a pas répondu à temps",
            [AddressFault.GeocoderRateLimited] = "trop d'adresses attendent leur tour sous la limite de débit du géocodeur",
            [AddressFault.GeocoderUnreachable] = "le géocodeur est injoignable ({0})",
            [AddressFault.GeocoderUnreadable] = "la réponse du géocodeur est illisible (ce n'est pas du GeoJSON)",
            [AddressFault.GeocoderCsvUnreadable] = "la réponse CSV du géocodeur est illisible (pas une ligne de résultat addok par adresse)",
        },
        new Dictionary<AddressFault, string>
        {
            [AddressFault.Empty] = "the address is empty: give the address text, or numero and voie with code_postal, citycode or commune",
            [AddressFault.PostcodeMalformed] = "code_postal '{0}' is not a French postcode (5 digits)",
            [AddressFault.NumberMalformed] = "numero '{0}' is not a house number (such as 12, 12bis or 12 b)",
            [AddressFault.CityCodeMalformed] = "citycode '{0}' is not an INSEE commune code (5 characters)",
            [AddressFault.NothingLoaded] = "no address is loaded: import BAL or BAN files with geographie import-addresses",
            [AddressFault.CityCodeUnknown] = "no address is known in the commune of INSEE code {0}",
            [AddressFault.PostcodeUnknown] = "no known address has the postcode {0}",
            [AddressFault.CommuneUnknown] = "no known commune is named '{0}'",
            [AddressFault.StreetMissing] = "give a street: the address names no street",
            [AddressFault.StreetAndCommuneMissing] = "give a street and a commune: the address names no street",
            [AddressFault.StreetUnknown] = "no known street matches '{0}'",
            [AddressFault.GeocoderFoundNothing] = "the geocoder found no address for '{0}'",
            [AddressFault.GeocoderRefused] = "the geocoder refused the address: {0}",
            [AddressFault.GeocoderStatus] = "the geocoder answered {0}",
            [AddressFault.GeocoderCircuitOpen] = "the geocoder is unavailable: it failed repeatedly and is left alone for a while (circuit open)",
            [AddressFault.GeocoderTimeout] = "the geocoder did not answer in time",
            [AddressFault.GeocoderRateLimited] = "too many addresses are waiting for the geocoder's rate limit",
            [AddressFault.GeocoderUnreachable] = "the geocoder cannot be reached ({0})",
            [AddressFault.GeocoderUnreadable] = "the geocoder's answer could not be read (not GeoJSON)",
            [AddressFault.GeocoderCsvUnreadable] = "the geocoder's CSV answer could not be read (not one addok result row per address)",
        });

    /// <summary>Why the address has no match, in <paramref name="language"/>, with the postcode and INSEE code it was narrowed to.</summary>
    public static string Say(this Language language, AddressProblem problem) =>
        Catalogue.Format(language, problem.Fault, InputEcho.Quote(problem.Subject))
        + (problem.Postcode is null ? "" : language.Say(EdgeText.AddressNarrowedToPostcode, problem.Postcode))
        + (problem.CityCode is null ? "" : language.Say(EdgeText.AddressNarrowedToCommune, problem.CityCode));
}
