using System.Diagnostics.Metrics;
using Geographie.Addresses;
using Geographie.Addresses.Addok;

namespace Geographie.Api.Addresses;

/// <summary>Registers address input: the options, the built-in index and the geocoder the routes use.</summary>
public static class AddressServices
{
    /// <summary>The setting that chooses the geocoder: <c>builtin</c> (the default) or <c>addok</c>.</summary>
    public const string GeocoderKey = "Geographie:Addresses:Geocoder";

    private const string HttpClientKey = "addok";

    /// <summary>
    /// Adds <see cref="GeocoderOptions"/>, <see cref="AddressState"/> (the built-in index, fed by the snapshot
    /// refresher either way) and the <see cref="IGeocoder"/> chosen by <see cref="GeocoderKey"/>: the built-in one,
    /// or an <see cref="AddokGeocoder"/> configured by <see cref="AddokOptions.Section"/>, counted by a
    /// <see cref="MeteredGeocoder"/>. Any other choice stops the start with a message naming the setting.
    /// </summary>
    public static IServiceCollection AddAddresses(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GeocoderOptions>(configuration.GetSection(GeocoderOptions.Section));
        services.AddSingleton<AddressState>();
        var choice = configuration[GeocoderKey] ?? "builtin";
        switch (choice.Trim().ToLowerInvariant())
        {
            case "builtin":
                services.AddSingleton<IGeocoder>(sp => new MeteredGeocoder(sp.GetRequiredService<AddressState>(), "builtin", sp.GetRequiredService<IMeterFactory>()));
                break;
            case "addok":
                var addok = configuration.GetSection(AddokOptions.Section).Get<AddokOptions>() ?? new AddokOptions();
                // Our own timeouts apply per attempt; the client's would cut a batch short. Connections are renewed so
                // that a DNS change of the service is followed.
                services.AddKeyedSingleton(HttpClientKey, (_, _) => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
                {
                    Timeout = Timeout.InfiniteTimeSpan,
                });
                services.AddSingleton(sp => new AddokGeocoder(sp.GetRequiredKeyedService<HttpClient>(HttpClientKey), addok));
                services.AddSingleton<IGeocoder>(sp => new MeteredGeocoder(sp.GetRequiredService<AddokGeocoder>(), "addok", sp.GetRequiredService<IMeterFactory>()));
                break;
            default:
                throw new InvalidOperationException($"{GeocoderKey} is '{choice}': it must be builtin or addok (docs/addresses.md)");
        }
        return services;
    }
}
