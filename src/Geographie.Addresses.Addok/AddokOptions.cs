namespace Geographie.Addresses.Addok;

/// <summary>
/// Settings of the external geocoder (section <c>Geographie:Addresses:Addok</c>). The defaults suit the national
/// API (<c>https://api-adresse.data.gouv.fr</c>) and its published limit of 50 requests per second per IP address.
/// </summary>
public sealed class AddokOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Geographie:Addresses:Addok";

    /// <summary>The national BAN API, the default base URL.</summary>
    public const string NationalApi = "https://api-adresse.data.gouv.fr/";

    /// <summary>The API's root: <c>search/</c> and <c>search/csv/</c> are resolved against it.</summary>
    public Uri BaseUrl { get; set; } = new(NationalApi);

    /// <summary>How long one single search may take before it is abandoned (and retried), milliseconds.</summary>
    public int TimeoutMs { get; set; } = 5_000;

    /// <summary>How long one CSV batch request may take before it is abandoned (and retried), milliseconds.</summary>
    public int BatchTimeoutMs { get; set; } = 120_000;

    /// <summary>Retries after a 5xx, a 429, a timeout or a failed connection (never after another 4xx).</summary>
    public int Retries { get; set; } = 3;

    /// <summary>The first retry's delay, doubled at each retry, milliseconds (a 429's <c>Retry-After</c> wins).</summary>
    public int BackoffMs { get; set; } = 200;

    /// <summary>The longest <c>Retry-After</c> obeyed, milliseconds; a longer one is cut to this.</summary>
    public int MaxRetryAfterMs { get; set; } = 10_000;

    /// <summary>
    /// Requests sent per second at most, retries included (default 50: the national API's published limit per IP
    /// address, adresse.data.gouv.fr, "Limites d'utilisation"). Requests beyond it wait their turn.
    /// </summary>
    public int RequestsPerSecond { get; set; } = 50;

    /// <summary>How many requests may wait for the rate limit at once; beyond, a request is answered "unavailable".</summary>
    public int QueueLimit { get; set; } = 10_000;

    /// <summary>After this many failed requests in a row (within 30 s) the circuit opens: requests fail fast.</summary>
    public int FailuresBeforeOpen { get; set; } = 5;

    /// <summary>How long the circuit stays open before one trial request is let through (half-open), milliseconds.</summary>
    public int OpenMs { get; set; } = 30_000;

    /// <summary>How many answers the cache keeps (normalised query → answer); 0 disables it.</summary>
    public int CacheSize { get; set; } = 10_000;

    /// <summary>Rows per CSV batch request (<c>search/csv/</c>).</summary>
    public int BatchRows { get; set; } = 1_000;

    /// <summary>
    /// The extent, metres, given to a street or lieu-dit match (and to a house number below the threshold): addok
    /// does not say how long a street is, so a generous figure stands for it.
    /// </summary>
    public double StreetExtentM { get; set; } = 500;

    /// <summary>The extent, metres, given to a municipality match (the commune only).</summary>
    public double MunicipalityExtentM { get; set; } = 3_000;
}
