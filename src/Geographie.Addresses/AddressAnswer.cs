namespace Geographie.Addresses;

/// <summary>
/// The answer of a geocoder: a match, or why there is none (an <see cref="AddressProblem"/> the edge words). <see cref="BadQuery"/> tells
/// a query that cannot be used as written (a postcode that is not one, a number that is not one) from one that is
/// well formed but matches nothing; <see cref="Unavailable"/> one that could not be asked at all (an external
/// geocoder that is down, too slow or refusing us), where nothing is known about the address.
/// </summary>
public readonly record struct AddressAnswer(AddressMatch? Match, AddressProblem? Problem, bool BadQuery, bool Unavailable = false)
{
    /// <summary>A match.</summary>
    public static AddressAnswer Found(AddressMatch match) => new(match, null, false);

    /// <summary>A well-formed query that matches nothing, with the reason.</summary>
    public static AddressAnswer NotFound(AddressProblem problem) => new(null, problem, false);

    /// <summary>A query that cannot be used as written, with what is wrong.</summary>
    public static AddressAnswer Unusable(AddressProblem problem) => new(null, problem, true);

    /// <summary>The geocoder could not answer (down, too slow, refusing), with why: says nothing of the address.</summary>
    public static AddressAnswer NotAvailable(AddressProblem problem) => new(null, problem, false, true);
}
