namespace Geographie.Addresses;

/// <summary>How precise a match is, from the finest to the coarsest (addok's <c>type</c>).</summary>
public enum AddressMatchType
{
    /// <summary>The house number itself was found: the point is that address's position.</summary>
    HouseNumber,
    /// <summary>The street was found but not the number (or none was given): the point is the middle of the street's addresses.</summary>
    Street,
    /// <summary>Only the commune was found: the point is the middle of the commune's addresses.</summary>
    Locality,
}
