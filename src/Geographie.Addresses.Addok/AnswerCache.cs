using System.Collections.Concurrent;

namespace Geographie.Addresses.Addok;

/// <summary>
/// The external geocoder's answers, by normalised query (the words as the built-in geocoder reads them, so that
/// "12 av. Foch" and "12 Avenue Foch" share an entry), bounded: beyond <c>capacity</c> the oldest entries go first.
/// Only answers the geocoder gave are kept, never "unavailable". Thread-safe.
/// </summary>
internal sealed class AnswerCache(int capacity)
{
    private readonly ConcurrentDictionary<string, AddressAnswer> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>The number of answers held.</summary>
    public int Count => _answers.Count;

    /// <summary>The key of <paramref name="query"/>: its normalised words and its filters.</summary>
    public static string Key(AddressQuery query) =>
        $"{string.Join(' ', AddressText.Tokens(AddokQueries.Text(query)))}|{query.Postcode?.Trim()}|{query.CityCode?.Trim().ToUpperInvariant()}";

    /// <summary>The answer held for <paramref name="key"/>, if any.</summary>
    public bool TryGet(string key, out AddressAnswer answer) => _answers.TryGetValue(key, out answer);

    /// <summary>Keeps <paramref name="answer"/> (not an unavailable one), dropping the oldest entries beyond the capacity.</summary>
    public void Add(string key, AddressAnswer answer)
    {
        if (capacity <= 0 || answer.Unavailable || !_answers.TryAdd(key, answer))
        {
            return;
        }
        _order.Enqueue(key);
        while (_answers.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _answers.TryRemove(oldest, out _);
        }
    }
}
