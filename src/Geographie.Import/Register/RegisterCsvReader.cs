using Geographie.Domain.Geography;
using Geographie.Import.Csv;

namespace Geographie.Import.Register;

/// <summary>
/// Reads the register CSV (<c>code_qp,lib_qp,insee_com,lib_com</c>, one row per quartier and commune) into one
/// entry per quartier, communes in file order. Throws <see cref="InvalidDataException"/> naming the line of the
/// first bad row: a register is imported whole or not at all.
/// In the shipped register, <c>lib_com</c> of a quartier spanning several communes holds all their names joined
/// by "; " on every row; the name of each INSEE code is then taken from a row where it stands alone, or by
/// position from a quartier that has as many rows as names; otherwise the joined text is kept as the source gives it.
/// </summary>
public static class RegisterCsvReader
{
    /// <summary>Reads the register of <paramref name="edition"/> from <paramref name="path"/>.</summary>
    public static IReadOnlyList<RegisterEntry> Read(string path, GeographyVersion edition)
    {
        try
        {
            return ReadRows(path, edition);
        }
        catch (CsvRowException e)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} {e.Message}", e);
        }
    }

    private static IReadOnlyList<RegisterEntry> ReadRows(string path, GeographyVersion edition)
    {
        using var csv = CsvRowReader.Open(new StreamReader(path), out var header);
        var file = Path.GetFileName(path);
        if (header is null)
        {
            throw new InvalidDataException($"{file} is empty.");
        }
        int Column(string name) => IndexOf(header, name) is var i and >= 0
            ? i
            : throw new InvalidDataException($"{file}: column '{name}' missing (header: {string.Join(',', header)}).");
        var (code, name, insee, commune) = (Column("code_qp"), Column("lib_qp"), Column("insee_com"), Column("lib_com"));

        var entries = new Dictionary<string, (string Name, List<Domain.Quartiers.CommuneRef> Communes)>(StringComparer.Ordinal);
        while (csv.ReadRow() is { } row)
        {
            if (row.Count < header.Count)
            {
                throw new InvalidDataException($"{file} line {csv.LineNumber}: {row.Count} fields where {header.Count} are expected.");
            }
            var rowCode = row[code].Trim();
            if (!edition.IsValidCode(rowCode))
            {
                throw new InvalidDataException($"{file} line {csv.LineNumber}: '{rowCode}' is not a {edition.Code} code.");
            }
            var rowInsee = row[insee].Trim();
            if (rowInsee.Length != 5)
            {
                throw new InvalidDataException($"{file} line {csv.LineNumber}: INSEE code '{rowInsee}' is not 5 characters.");
            }
            if (!entries.TryGetValue(rowCode, out var entry))
            {
                entry = (row[name].Trim(), []);
                entries.Add(rowCode, entry);
            }
            entry.Communes.Add(new Domain.Quartiers.CommuneRef(rowInsee, row[commune].Trim()));
        }
        return ResolveJoinedNames(entries.Select(e => new RegisterEntry(e.Key, e.Value.Name, e.Value.Communes)).ToArray());
    }

    private static IReadOnlyList<RegisterEntry> ResolveJoinedNames(RegisterEntry[] entries)
    {
        static bool IsJoined(string name) => name.Contains(';', StringComparison.Ordinal);
        static string[] Parts(string name) => name.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        // Names known for sure: rows where the label stands alone, then quartiers with one name per row.
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var commune in entries.SelectMany(e => e.Communes).Where(c => !IsJoined(c.Name)))
        {
            known.TryAdd(commune.Insee!, commune.Name);
        }
        foreach (var entry in entries)
        {
            for (var i = 0; i < entry.Communes.Count; i++)
            {
                var parts = Parts(entry.Communes[i].Name);
                if (parts.Length > 1 && parts.Length == entry.Communes.Count)
                {
                    known.TryAdd(entry.Communes[i].Insee!, parts[i]);
                }
            }
        }
        return entries.Select(e => e with
        {
            Communes = e.Communes
                .Select(c => IsJoined(c.Name) && known.TryGetValue(c.Insee!, out var name) ? c with { Name = name } : c)
                .ToArray(),
        }).ToArray();
    }

    private static int IndexOf(IReadOnlyList<string> header, string name)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i].Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }
}
