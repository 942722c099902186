namespace Geographie.Addresses;

/// <summary>
/// The distinct canonical words of the streets and communes of an <see cref="AddressIndex"/>, with their trigrams
/// and an inverted index trigram → words, so that a misspelt query word finds its neighbours without a scan.
/// Built once, then read-only and thread-safe.
/// </summary>
internal sealed class AddressVocabulary
{
    /// <summary>The similarity below which two different words are not considered the same word misspelt.</summary>
    public const double FuzzyFloor = 0.4;

    private readonly List<string> _words = [];
    private readonly List<int[]> _trigrams = [];
    private readonly List<double> _weights = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<int>> _byTrigram = [];

    public int Count => _words.Count;

    public int[] TrigramsOf(int id) => _trigrams[id];

    public double WeightOf(int id) => _weights[id];

    /// <summary>The id of <paramref name="word"/>, added if new.</summary>
    public int Add(string word)
    {
        if (_ids.TryGetValue(word, out var id))
        {
            return id;
        }
        id = _words.Count;
        _words.Add(word);
        var trigrams = Trigrams.Of(word);
        _trigrams.Add(trigrams);
        _weights.Add(AddressText.Weight(word));
        _ids.Add(word, id);
        foreach (var t in trigrams)
        {
            if (!_byTrigram.TryGetValue(t, out var list))
            {
                _byTrigram[t] = list = [];
            }
            list.Add(id);
        }
        return id;
    }

    /// <summary>
    /// The words similar to a query word of trigrams <paramref name="trigrams"/> (the word itself first when known),
    /// with their similarity, at least <see cref="FuzzyFloor"/>. <paramref name="shared"/> is scratch space of
    /// <see cref="Count"/> entries, left zeroed.
    /// </summary>
    public void Similar(string word, int[] trigrams, int[] shared, List<(int Id, double Similarity)> found)
    {
        found.Clear();
        var known = _ids.TryGetValue(word, out var exact);
        if (known)
        {
            found.Add((exact, 1));
        }
        var touched = new List<int>();
        foreach (var t in trigrams)
        {
            if (_byTrigram.TryGetValue(t, out var ids))
            {
                foreach (var id in ids)
                {
                    if (shared[id]++ == 0)
                    {
                        touched.Add(id);
                    }
                }
            }
        }
        foreach (var id in touched)
        {
            var s = shared[id];
            shared[id] = 0;
            if (known && id == exact)
            {
                continue;
            }
            var similarity = (double)s / (trigrams.Length + _trigrams[id].Length - s);
            if (similarity >= FuzzyFloor)
            {
                found.Add((id, similarity));
            }
        }
    }
}
