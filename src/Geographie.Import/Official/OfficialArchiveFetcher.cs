using System.IO.Compression;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Geographie.Domain.Geography;
using Geographie.Import.Downloads;
using Geographie.Import.Editions;
using Geographie.Import.Files;

namespace Geographie.Import.Official;

/// <summary>
/// Downloads the official ANCT archive, checks it (a readable zip whose every entry decompresses, a perimeter file
/// with the official fields, about the expected number of metropolitan quartiers), and extracts the perimeter file
/// into a work folder. Network failures come back as <see cref="FetchStatus.Offline"/>, never as exceptions.
/// </summary>
public sealed class OfficialArchiveFetcher(HttpClient http, string workDirectory)
{
    private static readonly string[] PreferredExtensions = [".geojson", ".gpkg", ".shp"];

    /// <summary>Fetches and verifies the archive described by <paramref name="source"/> for <paramref name="edition"/>.</summary>
    public async Task<FetchOutcome> FetchAsync(OfficialSource source, GeographyVersion edition, CancellationToken cancellationToken = default)
    {
        Uri archiveUrl;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(source.Timeout);
            archiveUrl = source.ArchiveUrl ?? await FindArchiveUrl(source, timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Offline(source.CatalogueUrl, e.Message);
        }
        catch (InvalidDataException e)
        {
            return new FetchOutcome(FetchStatus.Rejected, e.Message, null, null);
        }
        Directory.CreateDirectory(workDirectory);
        var archivePath = Path.Combine(workDirectory, "official-archive.zip");
        if (await HttpDownload.ToFileAsync(http, archiveUrl, archivePath, source.Timeout, gunzip: false, cancellationToken) is { } failure)
        {
            return Offline(archiveUrl, failure.Reason);
        }
        return Verify(archivePath, archiveUrl, source, edition);

        FetchOutcome Offline(Uri url, string reason) => new(FetchStatus.Offline,
            $"The official {edition.Code} perimeters are absent: {url} could not be reached ({reason}). " +
            "Geographie goes on with the shipped data and answers UNKNOWN where perimeters are missing.", null, null);
    }

    private async Task<Uri> FindArchiveUrl(OfficialSource source, CancellationToken cancellationToken)
    {
        var dataset = await http.GetFromJsonAsync<JsonElement>(source.CatalogueUrl, cancellationToken);
        if (dataset.TryGetProperty("resources", out var resources) && resources.ValueKind == JsonValueKind.Array)
        {
            foreach (var resource in resources.EnumerateArray())
            {
                var url = resource.TryGetProperty("url", out var u) ? u.GetString() ?? string.Empty : string.Empty;
                var title = resource.TryGetProperty("title", out var t) ? t.GetString() ?? string.Empty : string.Empty;
                var isZip = url.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
                    || (resource.TryGetProperty("format", out var f) && string.Equals(f.GetString(), "zip", StringComparison.OrdinalIgnoreCase));
                if (isZip && (url.Contains(source.ResourceHint, StringComparison.OrdinalIgnoreCase) || title.Contains(source.ResourceHint, StringComparison.OrdinalIgnoreCase)))
                {
                    return new Uri(url);
                }
            }
        }
        throw new InvalidDataException($"{source.CatalogueUrl} lists no zip resource matching '{source.ResourceHint}'.");
    }

    private FetchOutcome Verify(string archivePath, Uri archiveUrl, OfficialSource source, GeographyVersion edition)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(archivePath)));
        string extracted;
        try
        {
            extracted = ExtractPerimeterFile(archivePath);
        }
        catch (InvalidDataException e)
        {
            return new FetchOutcome(FetchStatus.Rejected, $"{archiveUrl}: the archive is damaged or incomplete ({e.Message}).", null, sha);
        }

        SourceFile file;
        try
        {
            file = SourceFileReader.Read(extracted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or JsonException)
        {
            return new FetchOutcome(FetchStatus.Rejected, $"{archiveUrl}: {Path.GetFileName(extracted)} cannot be read ({e.Message}).", null, sha);
        }
        var missing = new[] { "code", "name" }
            .Where(field => file.Features.Count == 0 || (field == "code" ? EditionFields.Code(file.Features[0]) : EditionFields.Name(file.Features[0])) is null)
            .ToArray();
        if (missing.Length > 0)
        {
            return new FetchOutcome(FetchStatus.Rejected,
                $"{Path.GetFileName(extracted)} lacks the official fields ({string.Join(", ", missing)}: code_qp/lib_qp or CODE_QP/NOM_QP).", null, sha);
        }
        var codes = file.Features.Select(EditionFields.Code).Where(edition.IsValidCode).ToArray();
        var metropolitan = codes.Count(c => !Departements.IsOverseas(Departements.OfQuartierCode(c!)));
        var low = (int)Math.Floor(source.ExpectedMetropolitan * (1 - source.Tolerance));
        var high = (int)Math.Ceiling(source.ExpectedMetropolitan * (1 + source.Tolerance));
        if (metropolitan < low || metropolitan > high)
        {
            return new FetchOutcome(FetchStatus.Rejected,
                $"{Path.GetFileName(extracted)} holds {metropolitan} metropolitan {edition.Code} quartiers where about {source.ExpectedMetropolitan} are expected ({low}–{high}).", null, sha);
        }
        return new FetchOutcome(FetchStatus.Verified,
            $"Verified {Path.GetFileName(extracted)} from {archiveUrl}: {codes.Length} quartiers, {metropolitan} metropolitan (sha256 {sha[..12]}…).", extracted, sha)
        {
            File = file,
        };
    }

    private string ExtractPerimeterFile(string archivePath)
    {
        var target = Path.Combine(workDirectory, "extracted");
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }
        Directory.CreateDirectory(target);
        using var archive = ZipFile.OpenRead(archivePath);
        foreach (var entry in archive.Entries.Where(e => e.Length > 0 || !e.FullName.EndsWith('/')))
        {
            var destination = Path.GetFullPath(Path.Combine(target, entry.FullName));
            if (!destination.StartsWith(Path.GetFullPath(target) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"entry {entry.FullName} points outside the archive folder");
            }
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            // Decompressing every entry fully is the integrity check: a truncated or corrupt entry throws here.
            entry.ExtractToFile(destination, overwrite: true);
        }
        var candidates = Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories)
            .Where(f => PreferredExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .OrderBy(f => Array.IndexOf(PreferredExtensions, Path.GetExtension(f).ToLowerInvariant()))
            .ThenByDescending(f => f.Contains("WGS84", StringComparison.OrdinalIgnoreCase))
            .ThenByDescending(f => new FileInfo(f).Length)
            .ToArray();
        return candidates.FirstOrDefault()
            ?? throw new InvalidDataException("no .geojson, .gpkg or .shp file in the archive");
    }
}
