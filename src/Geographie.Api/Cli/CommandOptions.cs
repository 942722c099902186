using System.Globalization;
using Geographie.Domain.Geography;
using Geographie.Storage.Imports;

namespace Geographie.Api.Cli;

/// <summary>The options of a verb, parsed; <see cref="Error"/> says what is wrong with them.</summary>
internal sealed record CommandOptions(
    string? File, GeographyVersion? Edition, Uri? Url, Uri? Catalogue, int? ExpectMetropolitan, ImportSafeguard Safeguard, string? Error)
{
    /// <summary>Every FILE argument, <see cref="File"/> first (only <c>import-addresses</c> takes more than one).</summary>
    public IReadOnlyList<string> Files { get; private init; } = [];

    public static CommandOptions Parse(IEnumerable<string> args)
    {
        var options = new CommandOptions(null, null, null, null, null, ImportSafeguard.Default, null);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            string Next() => e.MoveNext() ? e.Current : throw new FormatException($"{arg} needs a value");
            try
            {
                options = arg switch
                {
                    "--edition" => options with
                    {
                        Edition = GeographyVersions.Find(Next()) ?? throw new FormatException(
                            $"--edition must be one of {string.Join(", ", GeographyVersions.All.Select(v => v.Code))}"),
                    },
                    "--url" => options with { Url = ParseUri(Next(), arg) },
                    "--catalogue" => options with { Catalogue = ParseUri(Next(), arg) },
                    "--expect-metropolitan" => options with
                    {
                        ExpectMetropolitan = int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                            ? n : throw new FormatException("--expect-metropolitan needs a positive integer"),
                    },
                    "--replace-all" => options with { Safeguard = options.Safeguard with { ReplaceAll = true } },
                    "--max-removed-share" => options with
                    {
                        Safeguard = options.Safeguard with
                        {
                            MaxRemovedShare = double.TryParse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture, out var share) && share is >= 0 and <= 1
                                ? share : throw new FormatException("--max-removed-share needs a share between 0 and 1 (0.1 = 10 %)"),
                        },
                    },
                    _ when arg.StartsWith("--", StringComparison.Ordinal) => throw new FormatException($"unknown option {arg}"),
                    _ => options with { File = options.File ?? arg, Files = [.. options.Files, arg] },
                };
            }
            catch (FormatException error)
            {
                return options with { Error = error.Message };
            }
        }
        return options;
    }

    /// <summary>Why the FILE argument of a verb that reads one is unusable, or null when it names a file or folder.</summary>
    public string? FileProblem() => File is null ? "a FILE argument is needed"
        : Files.FirstOrDefault(f => !System.IO.File.Exists(f) && !Directory.Exists(f)) is { } missing ? $"{missing} does not exist"
        : null;

    /// <summary>Why the arguments hold more than one FILE for a verb that takes one, or null.</summary>
    public string? SingleFileProblem() => Files.Count > 1 ? $"unexpected argument {Files[1]}" : null;

    private static Uri ParseUri(string text, string option) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri : throw new FormatException($"{option} needs an absolute http(s) URL");
}
