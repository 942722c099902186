using System.Text.RegularExpressions;

namespace Geographie.Import.Addresses;

/// <summary>
/// Where the Base Adresse Nationale publishes its addresses per département: <c>adresses-DEP.csv.gz</c> under
/// <see cref="DefaultBaseUrl"/> (a gzipped BAN CSV, read by <see cref="AddressFileReader"/> once gunzipped).
/// </summary>
public static partial class BanDepartementFile
{
    /// <summary>The folder of the latest BAN files on adresse.data.gouv.fr.</summary>
    public static Uri DefaultBaseUrl { get; } = new("https://adresse.data.gouv.fr/data/ban/adresses/latest/csv/");

    /// <summary>How long one département's file may take to download (the largest are about 100 MB gzipped).</summary>
    public static TimeSpan DownloadTimeout { get; } = TimeSpan.FromMinutes(15);

    /// <summary>True for a département code the BAN publishes: 01–19, 2A, 2B, 21–95, 971–976.</summary>
    public static bool IsDepartement(string code) => DepartementCode().IsMatch(code);

    /// <summary>The URL of <paramref name="departement"/>'s file under <paramref name="baseUrl"/> (with or without its final slash).</summary>
    public static Uri Url(Uri baseUrl, string departement) =>
        new(baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/"), $"adresses-{departement}.csv.gz");

    [GeneratedRegex("^(0[1-9]|1[0-9]|2[1-9]|2A|2B|[3-8][0-9]|9[0-5]|97[1-6])$")]
    private static partial Regex DepartementCode();
}
