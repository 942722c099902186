namespace Geographie.Domain.Geography;

/// <summary>
/// Where French territory can be, as WGS84 boxes (metropolitan France with Corsica, and each overseas
/// département with QPV). Used to refuse coordinates that cannot be French, such as swapped axes.
/// The boxes are generous by a few kilometres; a point inside a box is not proved to be on land.
/// </summary>
public static class FranceExtent
{
    private static readonly (string Name, double MinLon, double MinLat, double MaxLon, double MaxLat)[] Boxes =
    [
        ("France métropolitaine", -5.6, 41.2, 9.9, 51.3),
        ("Antilles (Guadeloupe, Martinique, Saint-Martin)", -63.3, 14.2, -60.7, 18.2),
        ("Guyane", -54.8, 2.0, -51.4, 6.0),
        ("La Réunion", 55.1, -21.5, 56.0, -20.8),
        ("Mayotte", 44.9, -13.1, 45.4, -12.5),
    ];

    /// <summary>True when the point lies in one of the boxes.</summary>
    public static bool Contains(double lon, double lat)
    {
        foreach (var b in Boxes)
        {
            if (lon >= b.MinLon && lon <= b.MaxLon && lat >= b.MinLat && lat <= b.MaxLat)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when the point lies outside metropolitan France (in an overseas box or nowhere).</summary>
    public static bool IsOverseas(double lon, double lat) =>
        !(lon >= Boxes[0].MinLon && lon <= Boxes[0].MaxLon && lat >= Boxes[0].MinLat && lat <= Boxes[0].MaxLat);

    /// <summary>A one-line description of the accepted area, for error messages.</summary>
    public static string Description => string.Join("; ", Boxes.Select(b => $"{b.Name} lon {b.MinLon}..{b.MaxLon}, lat {b.MinLat}..{b.MaxLat}"));
}
