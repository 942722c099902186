namespace Geographie.Addresses;

/// <summary>
/// The built-in geocoder: every imported address held in memory, grouped by commune and street, searched by
/// normalised words and trigram similarity (see README.md for the matching rule and the score). Built once from
/// the records, then immutable and thread-safe; a search allocates a little and never touches a database.
/// </summary>
public sealed class AddressIndex : IGeocoder
{
    /// <summary>Below this similarity a street is not the one asked for.</summary>
    public const double StreetFloor = 0.5;

    /// <summary>At or above this similarity a commune named in the text is recognised.</summary>
    public const double CommuneFloor = 0.75;

    /// <summary>The smallest extent given to a street (even one of a single known address has some length), metres.</summary>
    public const double MinStreetExtentM = 50;

    /// <summary>The smallest extent given to a commune, metres.</summary>
    public const double MinCommuneExtentM = 500;

    private readonly AddressRecord[] _addresses;
    private readonly AddressVocabulary _vocabulary = new();
    private readonly List<Street> _streets = [];
    private readonly List<Commune> _communes = [];
    private readonly Dictionary<string, int> _communeByInsee = new(StringComparer.Ordinal);
    private readonly List<List<int>> _streetsByWord = [];
    private readonly List<List<int>> _communesByWord = [];
    private readonly ThreadLocal<int[]> _scratch;

    private sealed record Street(int Commune, string Name, int[] Words, Dictionary<string, int> Numbers, double Lon, double Lat, double ExtentM);

    private sealed record Commune(string Insee, string Name, HashSet<string> Postcodes, int[] Words, int WindowLength, double Lon, double Lat, double ExtentM);

    /// <summary>Builds the index of <paramref name="addresses"/> (ids are assumed unique, as the import guarantees).</summary>
    public AddressIndex(IEnumerable<AddressRecord> addresses)
    {
        _addresses = addresses.ToArray();
        foreach (var commune in _addresses.Select((a, i) => (a, i)).GroupBy(x => x.a.CommuneInsee, StringComparer.Ordinal))
        {
            var communeId = _communes.Count;
            var first = commune.First().a;
            var communeTokens = AddressText.Tokens(first.CommuneName);
            var (lon, lat, extent) = Extent(commune.Select(x => x.a), MinCommuneExtentM);
            _communes.Add(new Commune(first.CommuneInsee, first.CommuneName,
                commune.Select(x => x.a.Postcode).OfType<string>().ToHashSet(StringComparer.Ordinal),
                Words(AddressText.Significant(communeTokens), _communesByWord, communeId), communeTokens.Count, lon, lat, extent));
            _communeByInsee[first.CommuneInsee] = communeId;
            foreach (var street in commune.GroupBy(x => x.a.Street, StringComparer.Ordinal))
            {
                var streetId = _streets.Count;
                var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var (a, i) in street.Where(x => x.a.Number > 0))
                {
                    numbers.TryAdd(NumberKey(a.Number, a.Suffix), i);
                }
                var (sLon, sLat, sExtent) = Extent(street.Select(x => x.a), MinStreetExtentM);
                _streets.Add(new Street(communeId, street.Key,
                    Words(AddressText.Significant(AddressText.Tokens(street.Key)), _streetsByWord, streetId), numbers, sLon, sLat, sExtent));
            }
        }
        _scratch = new ThreadLocal<int[]>(() => new int[_vocabulary.Count]);
    }

    /// <summary>The number of addresses held.</summary>
    public int Count => _addresses.Length;

    /// <summary>An index of no address: every search answers that none is known.</summary>
    public static AddressIndex Empty { get; } = new([]);

    /// <inheritdoc />
    public ValueTask<AddressAnswer> GeocodeAsync(AddressQuery query, CancellationToken cancellationToken) => ValueTask.FromResult(Search(query));

    /// <inheritdoc />
    public ValueTask<AddressAnswer[]> GeocodeBatchAsync(IReadOnlyList<AddressQuery> queries, CancellationToken cancellationToken)
    {
        var answers = new AddressAnswer[queries.Count];
        for (var i = 0; i < answers.Length; i++)
        {
            answers[i] = Search(queries[i]);
        }
        return ValueTask.FromResult(answers);
    }

    /// <summary>Finds the best match of <paramref name="query"/>, or says why there is none.</summary>
    public AddressAnswer Search(AddressQuery query)
    {
        if (query.IsEmpty)
        {
            return AddressAnswer.Unusable(query.Problem()!);
        }
        if (ParsedQuery.TryParse(query, out var q) is { } problem)
        {
            return AddressAnswer.Unusable(problem);
        }
        if (_addresses.Length == 0)
        {
            return AddressAnswer.NotFound(new AddressProblem(AddressFault.NothingLoaded));
        }
        var allowed = Filter(q, out var filterProblem);
        if (filterProblem is not null)
        {
            return AddressAnswer.NotFound(filterProblem);
        }
        var streetTokens = new List<string>(q.StreetTokens);
        var remaining = new List<string>(q.TextTokens);
        double place;
        HashSet<int>? communes;
        if (q.CityTokens.Count > 0)
        {
            (communes, place) = BestCommunes(TokenTrigrams(AddressText.Significant(q.CityTokens)), allowed);
            if (place < CommuneFloor)
            {
                return AddressAnswer.NotFound(Narrowed(AddressFault.CommuneUnknown, q, string.Join(' ', q.CityTokens)));
            }
        }
        else
        {
            (communes, place) = CommuneInText(remaining, allowed);
        }
        if (communes is null)
        {
            // The commune was not named: a postcode or INSEE code narrows the search, nothing else does.
            communes = allowed;
            place = q.CityCode is not null || allowed?.Count == 1 ? 1 : allowed is not null ? 0.95 : 0.9;
        }
        streetTokens.AddRange(remaining);
        if (streetTokens.Count == 0)
        {
            return communes is { Count: 1 }
                ? AddressAnswer.Found(Locality(_communes[communes.First()], place))
                : AddressAnswer.NotFound(Narrowed(communes is null ? AddressFault.StreetAndCommuneMissing : AddressFault.StreetMissing, q));
        }
        var (street, similarity) = BestStreet(streetTokens, communes, q);
        if (street < 0 || similarity < StreetFloor)
        {
            // The commune is known but not the street: the commune is all that can be said, and honestly so.
            return communes is { Count: 1 }
                ? AddressAnswer.Found(Locality(_communes[communes.First()], place * 0.5))
                : AddressAnswer.NotFound(Narrowed(AddressFault.StreetUnknown, q, string.Join(' ', streetTokens)));
        }
        return AddressAnswer.Found(Match(_streets[street], similarity * place, q));
    }

    private AddressMatch Match(Street street, double score, ParsedQuery q)
    {
        var commune = _communes[street.Commune];
        if (q.Number > 0)
        {
            if (street.Numbers.TryGetValue(NumberKey(q.Number, q.Suffix), out var exact))
            {
                return HouseNumber(_addresses[exact], score, street);
            }
            // 12 b for 12 bis (and back) is most often the same address; 12 bis for a street that only has 12 is near it.
            if (q.Suffix is not null && AddressText.LetterSuffixMeaning(q.Suffix) is { } other
                && street.Numbers.TryGetValue(NumberKey(q.Number, other), out var equivalent))
            {
                return HouseNumber(_addresses[equivalent], score * 0.95, street);
            }
            if (q.Suffix is not null && street.Numbers.TryGetValue(NumberKey(q.Number, null), out var bare))
            {
                return HouseNumber(_addresses[bare], score * 0.8, street);
            }
            score *= 0.9;
        }
        return new AddressMatch(AddressLabels.Of(0, null, street.Name, SinglePostcode(commune), commune.Name), null,
            Round(score), AddressMatchType.Street, street.Lon, street.Lat, street.ExtentM);
    }

    private AddressMatch HouseNumber(AddressRecord address, double score, Street street) =>
        new(address.Label, address.Id, Round(score), AddressMatchType.HouseNumber, address.Lon, address.Lat, street.ExtentM);

    private static AddressMatch Locality(Commune commune, double score) =>
        new(AddressLabels.Of(0, null, null, SinglePostcode(commune), commune.Name), commune.Insee, Round(score), AddressMatchType.Locality,
            commune.Lon, commune.Lat, commune.ExtentM);

    private HashSet<int>? Filter(ParsedQuery q, out AddressProblem? problem)
    {
        problem = null;
        HashSet<int>? allowed = null;
        if (q.CityCode is not null)
        {
            if (!_communeByInsee.TryGetValue(q.CityCode, out var id))
            {
                problem = new AddressProblem(AddressFault.CityCodeUnknown, q.CityCode);
                return null;
            }
            allowed = [id];
        }
        if (q.Postcode is not null)
        {
            var departement = q.Postcode[..2];
            var matching = Enumerable.Range(0, _communes.Count)
                .Where(i => allowed is null || allowed.Contains(i))
                .Where(i => _communes[i].Postcodes.Count > 0
                    ? _communes[i].Postcodes.Contains(q.Postcode)
                    : _communes[i].Insee.StartsWith(departement, StringComparison.Ordinal)
                      || (departement == "20" && _communes[i].Insee.StartsWith('2')))
                .ToHashSet();
            if (matching.Count == 0)
            {
                problem = new AddressProblem(AddressFault.PostcodeUnknown, q.Postcode, CityCode: q.CityCode);
                return null;
            }
            allowed = matching;
        }
        return allowed;
    }

    private static AddressProblem Narrowed(AddressFault fault, ParsedQuery q, string? subject = null) =>
        new(fault, subject, q.Postcode, q.CityCode);

    // The commune named at the end (or the start) of the free text: the window of as many words as its name.
    // The words it takes are removed from what the street is matched with.
    private (HashSet<int>? Communes, double Similarity) CommuneInText(List<string> tokens, HashSet<int>? allowed)
    {
        if (tokens.Count < 2)
        {
            return (null, 0);
        }
        var candidates = new HashSet<int>();
        var found = new List<(int Id, double Similarity)>();
        foreach (var edge in new[] { tokens[0], tokens[^1] })
        {
            _vocabulary.Similar(edge, Trigrams.Of(edge), _scratch.Value!, found);
            foreach (var (word, _) in found)
            {
                if (word < _communesByWord.Count)
                {
                    candidates.UnionWith(_communesByWord[word].Where(c => allowed is null || allowed.Contains(c)));
                }
            }
        }
        HashSet<int>? best = null;
        double bestSimilarity = 0;
        int bestStart = 0, bestLength = 0;
        foreach (var id in candidates)
        {
            var commune = _communes[id];
            var length = commune.WindowLength;
            if (length >= tokens.Count)
            {
                continue;
            }
            foreach (var start in new[] { tokens.Count - length, 0 })
            {
                var window = TokenTrigrams(AddressText.Significant(tokens.GetRange(start, length)));
                var similarity = BagSimilarity(window, commune.Words);
                if (similarity > bestSimilarity + 1e-9)
                {
                    (best, bestSimilarity, bestStart, bestLength) = ([id], similarity, start, length);
                }
                else if (best is not null && Math.Abs(similarity - bestSimilarity) <= 1e-9 && start == bestStart && length == bestLength)
                {
                    best.Add(id);
                }
            }
        }
        if (best is null || bestSimilarity < CommuneFloor)
        {
            return (null, 0);
        }
        tokens.RemoveRange(bestStart, bestLength);
        return (best, bestSimilarity);
    }

    private (HashSet<int>? Communes, double Similarity) BestCommunes(QueryWords cityWords, HashSet<int>? allowed)
    {
        HashSet<int>? best = null;
        double bestSimilarity = 0;
        foreach (var id in Enumerable.Range(0, _communes.Count).Where(i => allowed is null || allowed.Contains(i)))
        {
            var similarity = BagSimilarity(cityWords, _communes[id].Words);
            if (similarity > bestSimilarity + 1e-9)
            {
                (best, bestSimilarity) = ([id], similarity);
            }
            else if (best is not null && Math.Abs(similarity - bestSimilarity) <= 1e-9)
            {
                best.Add(id);
            }
        }
        return (best, bestSimilarity);
    }

    private (int Street, double Similarity) BestStreet(List<string> tokens, HashSet<int>? communes, ParsedQuery q)
    {
        var significant = AddressText.Significant(tokens);
        var queryWords = TokenTrigrams(significant);
        var candidates = new HashSet<int>();
        var found = new List<(int Id, double Similarity)>();
        var scratch = _scratch.Value!;
        for (var i = 0; i < significant.Length; i++)
        {
            _vocabulary.Similar(significant[i], queryWords.Trigrams[i], scratch, found);
            foreach (var (word, _) in found)
            {
                if (word < _streetsByWord.Count)
                {
                    candidates.UnionWith(_streetsByWord[word].Where(s => communes is null || communes.Contains(_streets[s].Commune)));
                }
            }
        }
        var best = -1;
        double bestSimilarity = 0;
        var numberKey = q.Number > 0 ? NumberKey(q.Number, q.Suffix) : null;
        foreach (var id in candidates.Order())
        {
            var similarity = BagSimilarity(queryWords, _streets[id].Words);
            // Between equally similar streets, the one that has the number asked for.
            var better = similarity > bestSimilarity + 1e-9
                || (Math.Abs(similarity - bestSimilarity) <= 1e-9 && numberKey is not null
                    && _streets[id].Numbers.ContainsKey(numberKey) && !_streets[best].Numbers.ContainsKey(numberKey));
            if (better)
            {
                (best, bestSimilarity) = (id, similarity);
            }
        }
        return (best, bestSimilarity);
    }

    // Order-free similarity of two bags of words: each word of either side counts its best match on the other,
    // weighted (a street type counts half), and the sum is divided by the weights of both sides, so a missing or
    // an extra word lowers it.
    private double BagSimilarity(QueryWords query, int[] words)
    {
        if (query.Trigrams.Length == 0 || words.Length == 0)
        {
            return 0;
        }
        double total = 0, weights = 0;
        for (var i = 0; i < query.Trigrams.Length; i++)
        {
            double best = 0;
            foreach (var w in words)
            {
                best = Math.Max(best, Trigrams.Similarity(query.Trigrams[i], _vocabulary.TrigramsOf(w)));
            }
            total += best * query.Weights[i];
            weights += query.Weights[i];
        }
        foreach (var w in words)
        {
            double best = 0;
            foreach (var q in query.Trigrams)
            {
                best = Math.Max(best, Trigrams.Similarity(q, _vocabulary.TrigramsOf(w)));
            }
            total += best * _vocabulary.WeightOf(w);
            weights += _vocabulary.WeightOf(w);
        }
        return total / weights;
    }

    private readonly record struct QueryWords(int[][] Trigrams, double[] Weights);

    private static QueryWords TokenTrigrams(IReadOnlyList<string> tokens) =>
        new(tokens.Select(Trigrams.Of).ToArray(), tokens.Select(AddressText.Weight).ToArray());

    private int[] Words(string[] tokens, List<List<int>> postings, int owner)
    {
        var ids = tokens.Select(_vocabulary.Add).ToArray();
        while (postings.Count < _vocabulary.Count)
        {
            postings.Add([]);
        }
        foreach (var id in ids.Distinct())
        {
            postings[id].Add(owner);
        }
        return ids;
    }

    private static string NumberKey(int number, string? suffix) =>
        suffix is null ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{number} {suffix}";

    private static string? SinglePostcode(Commune commune) => commune.Postcodes.Count == 1 ? commune.Postcodes.First() : null;

    private static double Round(double score) => Math.Round(Math.Clamp(score, 0, 1), 4);

    // The middle of the positions and the largest distance from it, in metres (a local flat approximation: extents
    // are a street's or a commune's, a few kilometres at most).
    private static (double Lon, double Lat, double ExtentM) Extent(IEnumerable<AddressRecord> addresses, double floorM)
    {
        var list = addresses.ToList();
        var lon = list.Average(a => a.Lon);
        var lat = list.Average(a => a.Lat);
        var metresPerDegreeLon = 111_320 * Math.Cos(lat * Math.PI / 180);
        var extent = list.Max(a => Math.Sqrt(Math.Pow((a.Lon - lon) * metresPerDegreeLon, 2) + Math.Pow((a.Lat - lat) * 110_540, 2)));
        return (lon, lat, Math.Max(Math.Round(extent, 1), floorM));
    }
}
