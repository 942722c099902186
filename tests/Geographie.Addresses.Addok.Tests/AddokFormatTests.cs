namespace Geographie.Addresses.Addok.Tests;

/// <summary>addok's result types and CSV as the external geocoder reads and writes them.</summary>
public sealed class AddokFormatTests
{
    [Theory]
    [InlineData("housenumber", AddressMatchType.HouseNumber, 500)]
    [InlineData("street", AddressMatchType.Street, 500)]
    [InlineData("locality", AddressMatchType.Street, 500)]
    [InlineData("municipality", AddressMatchType.Locality, 3000)]
    [InlineData("", AddressMatchType.Locality, 3000)]
    public void An_addok_type_maps_onto_our_match_types_with_the_configured_extent(string type, AddressMatchType expected, double extentM)
    {
        var match = new AddokResult("1 Rue Joffre Mont-Bonvillers", 0.91234567, type, "54084_0200_00001", 5.833622, 49.322203).ToMatch(new AddokOptions());

        Assert.Equal((expected, extentM, 0.9123), (match.Type, match.ExtentM, match.Score));
    }

    [Fact]
    public void A_house_number_below_the_threshold_carries_the_street_extent_as_plausible_error()
    {
        var match = new AddokResult("1 Rue Joffre Mont-Bonvillers", 0.7, "housenumber", "54084_0200_00001", 5.833622, 49.322203).ToMatch(new AddokOptions { StreetExtentM = 800 });

        Assert.Equal(800, match.PlausibleErrorM(AddressMatch.DefaultThreshold));
    }

    [Fact]
    public void The_request_file_quotes_what_needs_it_and_the_answer_is_read_by_column_name()
    {
        var file = AddokCsv.Write([new AddressQuery("1 rue Joffre, Mont-Bonvillers", Postcode: "54111"), new AddressQuery(Street: "rue \"Haute\"", CityCode: "54084")]);
        Assert.Equal("q,postcode,citycode\n\"1 rue Joffre, Mont-Bonvillers\",54111,\n\"rue \"\"Haute\"\"\",,54084\n", file);

        var results = AddokCsv.Read(""""
            q,postcode,citycode,result_label,latitude,result_score,longitude,result_type,result_id
            "1 rue Joffre, Mont-Bonvillers",54111,,1 Rue Joffre Mont-Bonvillers,49.322203,0.97,5.833622,housenumber,54084_0200_00001
            "rue ""Haute""",,54084,,,,,,
            """");

        Assert.NotNull(results);
        Assert.Equal(new AddokResult("1 Rue Joffre Mont-Bonvillers", 0.97, "housenumber", "54084_0200_00001", 5.833622, 49.322203), results[0]);
        Assert.Null(results[1]);
    }

    [Fact]
    public void An_answer_without_the_result_columns_is_not_read()
    {
        Assert.Null(AddokCsv.Read("q,postcode\n1 rue Joffre,54111\n"));
        Assert.Null(AddokCsv.Read(""));
    }
}
