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
        // The padded word "  word " has word.Length + 1 trigrams.
        var count = word.Length + 1;
        Span<int> trigrams = count <= 128 ? stackalloc int[count] : new int[count];
        for (var i = 0; i < count; i++)
        {
            trigrams[i] = (At(word, i) & 0xFF) << 16 | (At(word, i + 1) & 0xFF) << 8 | (At(word, i + 2) & 0xFF);
        }
        trigrams.Sort();
        var distinct = 0;
        for (var i = 0; i < count; i++)
        {
            if (distinct == 0 || trigrams[distinct - 1] != trigrams[i])
            {
                trigrams[distinct++] = trigrams[i];
            }
        }
        return trigrams[..distinct].ToArray();

        static char At(string word, int padded) => padded < 2 || padded - 2 >= word.Length ? ' ' : word[padded - 2];
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
