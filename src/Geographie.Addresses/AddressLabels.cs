namespace Geographie.Addresses;

/// <summary>How labels are written, the one place for house-number, street and locality labels.</summary>
internal static class AddressLabels
{
    public static string Of(int number, string? suffix, string? street, string? postcode, string commune)
    {
        var parts = new List<string>(5);
        if (number > 0)
        {
            parts.Add(suffix is null ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{number} {suffix}");
        }
        if (street is not null)
        {
            parts.Add(street);
        }
        if (postcode is not null)
        {
            parts.Add(postcode);
        }
        parts.Add(commune);
        return string.Join(' ', parts);
    }
}
