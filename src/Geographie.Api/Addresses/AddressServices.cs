using Geographie.Addresses;

namespace Geographie.Api.Addresses;

/// <summary>Registers address input: the options, the built-in index and the geocoder the routes use.</summary>
public static class AddressServices
{
    /// <summary>Adds <see cref="GeocoderOptions"/>, <see cref="AddressState"/> and <see cref="IGeocoder"/>.</summary>
    public static IServiceCollection AddAddresses(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GeocoderOptions>(configuration.GetSection(GeocoderOptions.Section));
        services.AddSingleton<AddressState>();
        services.AddSingleton<IGeocoder>(sp => sp.GetRequiredService<AddressState>());
        return services;
    }
}
