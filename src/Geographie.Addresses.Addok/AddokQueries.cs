namespace Geographie.Addresses.Addok;

/// <summary>How an <see cref="AddressQuery"/> is put to addok: the words as <c>q</c>, the postcode and INSEE code as filters.</summary>
internal static class AddokQueries
{
    /// <summary>The <c>q</c> of <paramref name="query"/>: number, street, free text and commune name (the filters apart).</summary>
    public static string Text(AddressQuery query) => string.Join(' ', new[] { query.Number, query.Street, query.Text, query.City }
        .Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));

    /// <summary>The single search's relative URL for <paramref name="query"/>, best result only.</summary>
    public static string SearchUrl(AddressQuery query)
    {
        var url = $"search/?q={Uri.EscapeDataString(Text(query))}&limit=1";
        if (!string.IsNullOrWhiteSpace(query.Postcode))
        {
            url += $"&postcode={Uri.EscapeDataString(query.Postcode.Trim())}";
        }
        if (!string.IsNullOrWhiteSpace(query.CityCode))
        {
            url += $"&citycode={Uri.EscapeDataString(query.CityCode.Trim().ToUpperInvariant())}";
        }
        return url;
    }
}
