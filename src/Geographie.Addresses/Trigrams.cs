namespace Geographie.Addresses;

/// <summary>
/// Word trigrams as PostgreSQL's <c>pg_trgm</c> forms them (the word padded with two spaces before and one after),
/// packed into integers, and the similarity of two words: shared trigrams over all distinct trigrams (Jaccard),
/// as <c>similarity()</c> computes it for single words. Thread-safe.
/// </summary>
public static class Trigrams
{
    /// <summary>The distinct trigrams of <paramref name="word"/>, sorted.</summary>
    public static int[] Of(string word)
    {
        var padded = "  " + word + " ";
        var set = new SortedSet<int>();
        for (var i = 0; i + 3 <= padded.Length; i++)
        {
            set.Add((padded[i] & 0xFF) << 16 | (padded[i + 1] & 0xFF) << 8 | (padded[i + 2] & 0xFF));
        }
        return set.ToArray();
    }

    /// <summary>The Jaccard similarity of two sorted trigram sets, in [0, 1].</summary>
    public static double Similarity(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return (double)shared / (a.Length + b.Length - shared);
    }
}
