namespace Geographie.Testing;

/// <summary>The repository's real data (geodata/), found from the test binaries.</summary>
public static class Geodata
{
    /// <summary>The repository root (the folder holding Geographie.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Absolute path of <paramref name="relative"/> under geodata/.</summary>
    public static string Path(string relative) => System.IO.Path.Combine(Root, "geodata", relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Geographie.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Geographie.sln not found above " + AppContext.BaseDirectory);
    }
}
