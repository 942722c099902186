using Npgsql;

namespace Geographie.Storage;

/// <summary>Where the PostGIS of record is, and how to reach it.</summary>
public static class GeographieDatabase
{
    /// <summary>The environment variable holding an Npgsql connection string.</summary>
    public const string EnvironmentVariable = "GEOGRAPHIE_DB";

    /// <summary>The project's own local cluster, started by <c>make run</c> / <c>make test</c>.</summary>
    public const string LocalDefault = "Host=127.0.0.1;Port=55432;Username=geographie;Password=geographie;Database=geographie";

    /// <summary><c>GEOGRAPHIE_DB</c> when set, else <see cref="LocalDefault"/>.</summary>
    public static string ConnectionStringFromEnvironment() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : LocalDefault;

    /// <summary>A data source with the NetTopologySuite plugin (geometries travel as NTS objects).</summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseNetTopologySuite();
        return builder.Build();
    }

    /// <summary>The connection string without its password, for logs.</summary>
    public static string Redact(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.Password))
        {
            builder.Password = "***";
        }
        return builder.ToString();
    }
}
