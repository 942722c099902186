using System.Collections.Concurrent;
using System.Reflection;

namespace Geographie.Storage;

/// <summary>The SQL of Geographie lives in embedded <c>Sql/**/*.sql</c> files; this reads them once.</summary>
internal static class SqlScripts
{
    private static readonly Assembly Assembly = typeof(SqlScripts).Assembly;
    private static readonly ConcurrentDictionary<string, string> Cache = new();

    /// <summary>The text of <c>Sql/Queries/{name}.sql</c>.</summary>
    public static string Query(string name) => Cache.GetOrAdd(name, n => Read($"Geographie.Storage.Sql.Queries.{n}.sql"));

    /// <summary>Every migration as (version, name, sql), in version order.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Migrations() =>
        Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Geographie.Storage.Sql.Migrations.", StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n["Geographie.Storage.Sql.Migrations.".Length..^".sql".Length];
                return (int.Parse(name[..4], System.Globalization.CultureInfo.InvariantCulture), name, Read(n));
            })
            .OrderBy(m => m.Item1)
            .ToArray();

    private static string Read(string resource)
    {
        using var stream = Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded SQL {resource} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
