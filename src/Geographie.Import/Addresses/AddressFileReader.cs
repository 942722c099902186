using System.Globalization;
using Geographie.Addresses;
using Geographie.Domain.Geography;
using Geographie.Import.Csv;

namespace Geographie.Import.Addresses;

/// <summary>
/// Reads an address file into <see cref="AddressRecord"/>s, recognising its format by the header: a Base Adresse
/// Locale file (BAL 1.3/1.4: <c>cle_interop</c>, <c>voie_nom</c>, <c>numero</c>, <c>suffixe</c>,
/// <c>commune_insee</c>, <c>commune_nom</c>, <c>long</c>, <c>lat</c>) or a Base Adresse Nationale file per
/// département (<c>id</c>, <c>nom_voie</c>, <c>numero</c>, <c>rep</c>, <c>code_postal</c>, <c>code_insee</c>,
/// <c>nom_commune</c>, <c>lon</c>, <c>lat</c>). Throws <see cref="InvalidDataException"/> naming the line of the
/// first bad row (an identifier missing or repeated, an INSEE code that is not 5 characters, no street, a number
/// that is not one, a position outside France): an address file is imported whole or not at all.
/// BAL's number 99999 (a lieu-dit without a number) is read as no number.
/// </summary>
public static class AddressFileReader
{
    /// <summary>The two formats read.</summary>
    public enum Format
    {
        /// <summary>Base Adresse Locale 1.3/1.4.</summary>
        Bal,
        /// <summary>Base Adresse Nationale, one file per département.</summary>
        Ban,
    }

    private sealed record Columns(Format Format, string Id, string Insee, string Commune, string Street, string Number, string Suffix, string Lon, string Lat);

    private static readonly Columns BalColumns = new(Format.Bal, "cle_interop", "commune_insee", "commune_nom", "voie_nom", "numero", "suffixe", "long", "lat");

    private static readonly Columns BanColumns = new(Format.Ban, "id", "code_insee", "nom_commune", "nom_voie", "numero", "rep", "lon", "lat");

    private const int BalNoNumber = 99999;

    /// <summary>Reads <paramref name="path"/>; <paramref name="format"/> says which format the header showed.</summary>
    public static IReadOnlyList<AddressRecord> Read(string path, out Format format)
    {
        var file = Path.GetFileName(path);
        try
        {
            using var csv = CsvRowReader.Open(new StreamReader(path), out var header);
            return ReadRows(csv, header, file, out format);
        }
        catch (CsvRowException e)
        {
            throw new InvalidDataException($"{file} {e.Message}", e);
        }
    }

    private static List<AddressRecord> ReadRows(CsvRowReader csv, IReadOnlyList<string>? header, string file, out Format format)
    {
        if (header is null)
        {
            throw new InvalidDataException($"{file} is empty.");
        }
        var names = header.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var columns = names.Contains("cle_interop") && names.Contains("voie_nom") ? BalColumns
            : names.Contains("nom_voie") && names.Contains("code_insee") ? BanColumns
            : throw new InvalidDataException(
                $"{file}: neither a BAL file (cle_interop, voie_nom, …) nor a BAN file (id, nom_voie, code_insee, …); header: {string.Join(';', header)}.");
        format = columns.Format;
        int Column(string name) => names.IndexOf(name) is var i and >= 0
            ? i
            : throw new InvalidDataException($"{file}: column '{name}' missing from this {columns.Format} file (header: {string.Join(';', header)}).");
        var (id, insee, commune, street, number, suffix, lon, lat) = (Column(columns.Id), Column(columns.Insee), Column(columns.Commune),
            Column(columns.Street), Column(columns.Number), Column(columns.Suffix), Column(columns.Lon), Column(columns.Lat));
        var postcode = names.IndexOf("code_postal");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var records = new List<AddressRecord>();
        while (csv.ReadRow() is { } row)
        {
            string Bad(string problem) => $"{file} line {csv.LineNumber}: {problem}";
            if (row.Count < names.Count)
            {
                throw new InvalidDataException(Bad($"{row.Count} fields where {names.Count} are expected."));
            }
            var rowId = row[id].Trim();
            if (rowId.Length == 0 || !seen.Add(rowId))
            {
                throw new InvalidDataException(Bad(rowId.Length == 0 ? $"{columns.Id} is empty." : $"{columns.Id} '{rowId}' appears twice."));
            }
            var rowInsee = row[insee].Trim().ToUpperInvariant();
            if (rowInsee.Length != 5 || !rowInsee.All(char.IsAsciiLetterOrDigit))
            {
                throw new InvalidDataException(Bad($"INSEE code '{rowInsee}' is not 5 characters."));
            }
            var (rowCommune, rowStreet) = (row[commune].Trim(), row[street].Trim());
            if (rowCommune.Length == 0 || rowStreet.Length == 0)
            {
                throw new InvalidDataException(Bad($"{(rowCommune.Length == 0 ? columns.Commune : columns.Street)} is empty."));
            }
            if (!int.TryParse(row[number].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var rowNumber) || rowNumber > BalNoNumber)
            {
                throw new InvalidDataException(Bad($"{columns.Number} '{row[number].Trim()}' is not a house number (0 to {BalNoNumber})."));
            }
            if (!double.TryParse(row[lon].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var rowLon)
                || !double.TryParse(row[lat].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var rowLat)
                || !FranceExtent.Contains(rowLon, rowLat))
            {
                throw new InvalidDataException(Bad($"{columns.Lon} '{row[lon].Trim()}', {columns.Lat} '{row[lat].Trim()}' is not a WGS84 position in France."));
            }
            var rowPostcode = postcode >= 0 ? row[postcode].Trim() : "";
            records.Add(new AddressRecord(rowId, rowInsee, rowCommune, rowPostcode.Length == 5 ? rowPostcode : null, rowStreet,
                rowNumber == BalNoNumber ? 0 : rowNumber, AddressText.Suffix(row[suffix]), rowLon, rowLat));
        }
        return records;
    }
}
