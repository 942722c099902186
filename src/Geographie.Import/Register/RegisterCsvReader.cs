using Geographie.Domain.Geography;
using Geographie.Import.Csv;

namespace Geographie.Import.Register;

/// <summary>
/// Reads the register CSV (<c>code_qp,lib_qp,insee_com,lib_com</c>, one row per quartier and commune) into one
/// entry per quartier, communes in file order. Throws <see cref="InvalidDataException"/> naming the line of the
/// first bad row: a register is imported whole or not at all.
/// </summary>
public static class RegisterCsvReader
{
    /// <summary>Reads the register of <paramref name="edition"/> from <paramref name="path"/>.</summary>
    public static IReadOnlyList<RegisterEntry> Read(string path, GeographyVersion edition)
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
        return entries.Select(e => new RegisterEntry(e.Key, e.Value.Name, e.Value.Communes)).ToArray();
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
