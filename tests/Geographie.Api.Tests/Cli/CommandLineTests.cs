using Geographie.Api.Cli;

namespace Geographie.Api.Tests.Cli;

/// <summary>Usage errors end with exit code 2 and a message, before any database is touched.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("import", "a FILE argument is needed")]
    [InlineData("import /nonexistent/qpv.geojson", "/nonexistent/qpv.geojson does not exist")]
    [InlineData("import-register /nonexistent/registre.csv", "/nonexistent/registre.csv does not exist")]
    [InlineData("import-communes", "a FILE argument is needed")]
    [InlineData("import x.geojson --max-removed-share 1.5", "--max-removed-share needs a share between 0 and 1")]
    [InlineData("import x.geojson --max-removed-share", "--max-removed-share needs a value")]
    [InlineData("import x.geojson --replace-everything", "unknown option --replace-everything")]
    public async Task A_usage_error_exits_2_with_its_reason(string arguments, string expected)
    {
        var output = new StringWriter();
        var exit = await CommandLine.RunAsync(arguments.Split(' '), output);

        Assert.Equal(2, exit);
        Assert.Contains(expected, output.ToString());
        Assert.Contains("usage: geographie", output.ToString());
        Assert.DoesNotContain("migrations applied", output.ToString());
    }
}
