namespace Geographie.Addresses.Tests;

public sealed class AddressTextTests
{
    [Theory]
    [InlineData("Rue de l’Église", new[] { "rue", "de", "l", "eglise" })]
    [InlineData("BD St-Jean", new[] { "boulevard", "saint", "jean" })]
    [InlineData("av. du 1er Mai", new[] { "avenue", "du", "1", "mai" })]
    [InlineData("Imp. du Cœur", new[] { "impasse", "du", "coeur" })]
    [InlineData("rte de la Deuxième Armée", new[] { "route", "de", "la", "2", "armee" })]
    [InlineData("pl 19 Mars 1962", new[] { "place", "19", "mars", "1962" })]
    [InlineData("ch. des Fronts", new[] { "chemin", "des", "fronts" })]
    public void Tokens_fold_case_accents_punctuation_abbreviations_and_ordinals(string text, string[] expected) =>
        Assert.Equal(expected, AddressText.Tokens(text));

    [Fact]
    public void Significant_tokens_drop_articles_unless_nothing_is_left()
    {
        Assert.Equal(["rue", "paix"], AddressText.Significant(AddressText.Tokens("Rue de la Paix")));
        Assert.Equal(["le", "la"], AddressText.Significant(["le", "la"]));
    }

    [Fact]
    public void Trigram_similarity_is_that_of_pg_trgm()
    {
        // PostgreSQL: SELECT similarity('joffre', 'jofre') answers 0.625 (5 shared of 8 distinct trigrams).
        Assert.Equal(1, Trigrams.Similarity(Trigrams.Of("joffre"), Trigrams.Of("joffre")));
        Assert.Equal(0.625, Trigrams.Similarity(Trigrams.Of("joffre"), Trigrams.Of("jofre")), 3);
        Assert.Equal(0, Trigrams.Similarity(Trigrams.Of("8"), Trigrams.Of("9")));
    }
}
