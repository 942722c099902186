using System.Globalization;
using Geographie.Addresses;
using Xunit.Abstractions;

namespace Geographie.Addresses.Tests;

/// <summary>
/// The built-in geocoder on the real BAL extract: every address found again from its own text, and from the text
/// altered the ways people alter it. Recall is printed (dotnet test --logger "console;verbosity=detailed").
/// </summary>
public sealed class AddressIndexTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<AddressRecord> Bal = MontBonvillers.Read();
    private static readonly AddressIndex Index = new(Bal);

    private double Recall(string variant, Func<AddressRecord, string> text)
    {
        var found = Bal.Count(a => Index.Search(new AddressQuery(text(a))).Match is { Type: AddressMatchType.HouseNumber } m && m.Id == a.Id);
        var recall = (double)found / Bal.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recall {variant}: {found}/{Bal.Count} = {recall:P1}"));
        return recall;
    }

    [Fact]
    public void Every_address_is_found_again_from_its_own_text_with_score_1()
    {
        foreach (var a in Bal)
        {
            var match = Index.Search(new AddressQuery(MontBonvillers.Text(a))).Match;
            Assert.NotNull(match);
            Assert.Equal((a.Id, AddressMatchType.HouseNumber, 1.0, a.Lon, a.Lat), (match.Id, match.Type, match.Score, match.Lon, match.Lat));
        }
        Assert.Equal(1, Recall("exact", a => MontBonvillers.Text(a)));
    }

    [Fact]
    public void Lower_case_without_accents_or_punctuation_finds_every_address() =>
        Assert.Equal(1, Recall("no accents, lower case", a => Fold(MontBonvillers.Text(a)).Replace('-', ' ').Replace('’', ' ')));

    [Fact]
    public void Abbreviated_street_types_find_every_address() =>
        Assert.Equal(1, Recall("abbreviations", a => MontBonvillers.Text(a, Abbreviate(a.Street))));

    [Fact]
    public void Swapped_street_words_find_every_address() =>
        Assert.Equal(1, Recall("swapped order", a => MontBonvillers.Text(a, string.Join(' ', a.Street.Split(' ').Reverse()))));

    [Fact]
    public void One_typo_in_the_longest_street_word_finds_nearly_every_address()
    {
        // Two neighbouring letters swapped in the middle of the street's longest word (Joffre → Jofrfe).
        Assert.True(Recall("one typo", a => MontBonvillers.Text(a, Typo(a.Street))) >= 0.95);
    }

    [Fact]
    public void A_commune_with_a_typo_is_still_recognised()
    {
        var match = Index.Search(new AddressQuery("1 rue Joffre Mont-Bonviller")).Match;
        Assert.Equal(("54084_0200_00001", AddressMatchType.HouseNumber), (match?.Id, match?.Type));
        Assert.InRange(match!.Score, 0.8, 0.99);
    }

    [Fact]
    public void Structured_fields_and_free_text_give_the_same_answer()
    {
        foreach (var a in Bal.Where(a => a.Number > 0))
        {
            var number = a.Number + (a.Suffix ?? "");
            var free = Index.Search(new AddressQuery(MontBonvillers.Text(a))).Match;
            var byName = Index.Search(new AddressQuery(Number: number, Street: a.Street, City: a.CommuneName)).Match;
            var byCode = Index.Search(new AddressQuery(Number: number, Street: a.Street, CityCode: a.CommuneInsee)).Match;
            Assert.Equal(free, byName);
            Assert.Equal(free, byCode);
        }
    }

    [Fact]
    public void Suffix_letters_and_words_are_the_same_suffix()
    {
        // 19bis exists on Rue de la République, 19 b does not: "19 b" finds 19 bis, scored a little lower.
        var match = Index.Search(new AddressQuery("19 b rue de la République Mont-Bonvillers")).Match;
        Assert.Equal(("19 bis Rue de la République Mont-Bonvillers", AddressMatchType.HouseNumber), (match?.Label, match?.Type));
        Assert.Equal(0.95, match!.Score);
    }

    [Fact]
    public void A_number_the_street_lacks_gives_the_street_with_its_extent()
    {
        var match = Index.Search(new AddressQuery("999 rue Joffre Mont-Bonvillers")).Match;
        Assert.Equal((AddressMatchType.Street, "Rue Joffre Mont-Bonvillers", 0.9), (match?.Type, match?.Label, match?.Score));
        Assert.True(match!.ExtentM >= AddressIndex.MinStreetExtentM);
        Assert.Equal(match.ExtentM, match.PlausibleErrorM(AddressMatch.DefaultThreshold));
    }

    [Fact]
    public void Without_a_commune_the_address_is_found_below_the_threshold()
    {
        var match = Index.Search(new AddressQuery("1 rue Joffre")).Match;
        Assert.Equal(("54084_0200_00001", 0.9), (match?.Id, match?.Score));
        Assert.True(match!.PlausibleErrorM(0.95) > 0);
        Assert.Equal(0, match.PlausibleErrorM(AddressMatch.DefaultThreshold));
    }

    [Fact]
    public void An_unknown_street_in_a_known_commune_gives_the_commune_at_half_score()
    {
        var match = Index.Search(new AddressQuery("12 avenue des Champs-Élysées Mont-Bonvillers")).Match;
        Assert.Equal((AddressMatchType.Locality, "Mont-Bonvillers", "54084", 0.5), (match?.Type, match?.Label, match?.Id, match?.Score));
        Assert.True(match!.ExtentM >= AddressIndex.MinCommuneExtentM);
    }

    [Fact]
    public void A_shared_street_type_alone_does_not_make_a_street_match()
    {
        var match = Index.Search(new AddressQuery("3 rue Inconnue Mont-Bonvillers")).Match;
        Assert.Equal(AddressMatchType.Locality, match?.Type);
    }

    [Fact]
    public void An_unknown_street_with_no_commune_is_not_found()
    {
        var answer = Index.Search(new AddressQuery("12 avenue des Champs-Élysées"));
        Assert.Null(answer.Match);
        Assert.Equal(new AddressProblem(AddressFault.StreetUnknown, "avenue des champs elysees"), answer.Problem);
    }

    [Fact]
    public void A_postcode_filters_by_departement_when_the_file_has_no_postcode()
    {
        Assert.Equal("54084_0200_00001", Index.Search(new AddressQuery("1 rue Joffre", Postcode: "54111")).Match?.Id);
        var wrong = Index.Search(new AddressQuery("1 rue Joffre 13001 Mont-Bonvillers"));
        Assert.Null(wrong.Match);
        Assert.Equal(new AddressProblem(AddressFault.PostcodeUnknown, "13001"), wrong.Problem);
        Assert.Equal(new AddressProblem(AddressFault.PostcodeMalformed, "5411"), Index.Search(new AddressQuery("1 rue Joffre", Postcode: "5411")).Problem);
    }

    [Fact]
    public void Empty_text_and_unknown_citycode_are_answered_with_the_reason()
    {
        Assert.Equal(new AddressProblem(AddressFault.Empty), Index.Search(new AddressQuery("  ")).Problem);
        Assert.Equal(new AddressProblem(AddressFault.CityCodeUnknown, "13055"),
            Index.Search(new AddressQuery(Street: "Rue Joffre", CityCode: "13055")).Problem);
        Assert.Equal(new AddressProblem(AddressFault.NumberMalformed, "douze"), Index.Search(new AddressQuery(Number: "douze", Street: "Rue Joffre")).Problem);
        Assert.Equal(new AddressProblem(AddressFault.NothingLoaded), AddressIndex.Empty.Search(new AddressQuery("1 rue Joffre")).Problem);
    }

    [Fact]
    public void A_commune_alone_is_a_locality_match()
    {
        var match = Index.Search(new AddressQuery(City: "mont bonvillers")).Match;
        Assert.Equal((AddressMatchType.Locality, 1.0), (match?.Type, match?.Score));
    }

    // The accents of the extract's names, removed (the test host runs with invariant globalization: no decomposition).
    private static string Fold(string text) => text.ToLowerInvariant()
        .Replace('é', 'e').Replace('è', 'e').Replace('ê', 'e').Replace('à', 'a').Replace('â', 'a').Replace('ç', 'c').Replace('ô', 'o').Replace('î', 'i');

    private static string Abbreviate(string street) => street
        .Replace("Rue ", "r. ", StringComparison.Ordinal).Replace("Impasse ", "imp ", StringComparison.Ordinal)
        .Replace("Allée ", "all. ", StringComparison.Ordinal).Replace("Place ", "pl ", StringComparison.Ordinal)
        .Replace("Chemin ", "ch ", StringComparison.Ordinal);

    private static string Typo(string street)
    {
        var words = street.Split(' ');
        var longest = Array.IndexOf(words, words.MaxBy(w => w.Length));
        var w = words[longest].ToCharArray();
        var i = w.Length / 2;
        (w[i - 1], w[i]) = (w[i], w[i - 1]);
        words[longest] = new string(w);
        return string.Join(' ', words);
    }
}
