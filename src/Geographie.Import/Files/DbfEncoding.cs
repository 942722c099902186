using System.Globalization;
using System.Text;

namespace Geographie.Import.Files;

/// <summary>
/// The text encoding of a Shapefile's .dbf: the code page its .cpg names, else the one its language driver byte
/// declares, else UTF-8. Windows-1252 is read as Windows-1252, not Latin-1: the official registers hold names such as
/// "Cœur D'Agglo", and œ is 0x9C in Windows-1252, a control character in Latin-1.
/// </summary>
public static class DbfEncoding
{
    private const int LanguageDriverOffset = 29;

    static DbfEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding of the .dbf beside <paramref name="shpPath"/>.</summary>
    /// <exception cref="InvalidDataException">When the .cpg names a code page .NET does not know.</exception>
    public static Encoding Of(string shpPath)
    {
        var cpg = Path.ChangeExtension(shpPath, ".cpg");
        if (File.Exists(cpg))
        {
            var name = File.ReadAllText(cpg).Trim();
            return FromCodePageName(name)
                ?? throw new InvalidDataException($"{Path.GetFileName(cpg)} names the code page '{name}', which is not known.");
        }
        return FromLanguageDriver(Path.ChangeExtension(shpPath, ".dbf")) ?? Encoding.UTF8;
    }

    /// <summary>The encoding a .cpg text names ("UTF-8", "1252", "CP1252", "windows-1252", "ISO-8859-1", "88591"…), or null.</summary>
    public static Encoding? FromCodePageName(string name)
    {
        var compact = name.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)
            .ToUpperInvariant();
        if (compact is "UTF8" or "65001")
        {
            return Encoding.UTF8;
        }
        if (compact is "88591" or "ISO88591" or "LATIN1")
        {
            return Encoding.Latin1;
        }
        var digits = compact.StartsWith("CP", StringComparison.Ordinal) ? compact[2..]
            : compact.StartsWith("WINDOWS", StringComparison.Ordinal) ? compact[7..]
            : compact.StartsWith("ANSI", StringComparison.Ordinal) ? compact[4..]
            : compact;
        if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var codePage))
        {
            try
            {
                return Encoding.GetEncoding(codePage);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                return null;
            }
        }
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    // dBASE language driver ids that name a Windows or DOS code page (Esri writes 0x57 for "ANSI", i.e. the system
    // code page, Windows-1252 on the machines that produce French files).
    private static Encoding? FromLanguageDriver(string dbfPath)
    {
        if (!File.Exists(dbfPath))
        {
            return null;
        }
        using var dbf = File.OpenRead(dbfPath);
        if (dbf.Length <= LanguageDriverOffset)
        {
            return null;
        }
        dbf.Position = LanguageDriverOffset;
        return dbf.ReadByte() switch
        {
            0x01 => Encoding.GetEncoding(437),
            0x02 => Encoding.GetEncoding(850),
            0x03 or 0x57 => Encoding.GetEncoding(1252),
            0x64 => Encoding.GetEncoding(852),
            0x65 => Encoding.GetEncoding(866),
            _ => null,
        };
    }
}
