using System.Text;

namespace Geographie.Addresses.Addok;

/// <summary>
/// The CSV batch format of addok (<c>POST search/csv/</c>): the request file has the columns <c>q</c>,
/// <c>postcode</c>, <c>citycode</c>, one row per query; the answer repeats them and appends <c>latitude</c>,
/// <c>longitude</c>, <c>result_label</c>, <c>result_score</c>, <c>result_type</c>, <c>result_id</c>… in the same row
/// order, with an empty <c>result_label</c> where nothing was found. RFC 4180 quoting, comma separated.
/// </summary>
public static class AddokCsv
{
    /// <summary>The request file for <paramref name="queries"/>.</summary>
    public static string Write(IEnumerable<AddressQuery> queries)
    {
        var csv = new StringBuilder("q,postcode,citycode\n");
        foreach (var query in queries)
        {
            csv.Append(Quote(AddokQueries.Text(query))).Append(',')
               .Append(Quote(query.Postcode?.Trim() ?? "")).Append(',')
               .Append(Quote(query.CityCode?.Trim().ToUpperInvariant() ?? "")).Append('\n');
        }
        return csv.ToString();
    }

    /// <summary>
    /// The results of an answer file, one per data row in order (null where nothing was found); null for a file
    /// that is not an addok answer (no <c>result_label</c> column, or a row whose point cannot be read).
    /// </summary>
    public static List<AddokResult?>? Read(string text)
    {
        var rows = Rows(text);
        if (rows.Count == 0)
        {
            return null;
        }
        var header = rows[0];
        int Column(string name) => header.FindIndex(h => h.Trim().Equals(name, StringComparison.Ordinal));
        var (label, score, type, id, banId, lat, lon) = (Column("result_label"), Column("result_score"), Column("result_type"),
            Column("result_id"), Column("result_banId"), Column("latitude"), Column("longitude"));
        if (label < 0 || score < 0 || type < 0 || lat < 0 || lon < 0)
        {
            return null;
        }
        var results = new List<AddokResult?>(rows.Count - 1);
        foreach (var row in rows.Skip(1))
        {
            string? Cell(int i) => i >= 0 && i < row.Count && row[i].Length > 0 ? row[i] : null;
            if (Cell(label) is not { } found)
            {
                results.Add(null);
                continue;
            }
            if (AddokResult.Number(Cell(lon)) is not { } x || AddokResult.Number(Cell(lat)) is not { } y)
            {
                return null;
            }
            results.Add(new AddokResult(found, AddokResult.Number(Cell(score)) ?? 0, Cell(type) ?? "", Cell(id) ?? Cell(banId), x, y));
        }
        return results;
    }

    /// <summary><paramref name="field"/> as a CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line break.</summary>
    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>The rows of comma-separated <paramref name="text"/>: quoted fields may hold commas, doubled quotes and line breaks; blank lines are skipped.</summary>
    public static List<List<string>> Rows(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRow();
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        EndRow();
        return rows;

        void EndRow()
        {
            row.Add(field.ToString());
            field.Clear();
            if (row.Count > 1 || row[0].Length > 0)
            {
                rows.Add(row);
            }
            row = [];
        }
    }
}
