using Geographie.Api.Hosting;

namespace Geographie.Api.Tests.Http;

/// <summary>The map page's basemap setting: off by default, an absolute http(s) URL, or a start-up error naming it.</summary>
public sealed class MapPageOptionsTests
{
    [Fact]
    public void Without_a_basemap_the_page_policy_allows_this_origin_only()
    {
        Assert.Null(new MapPageOptions().BasemapStyle());
        Assert.Null(new MapPageOptions { BasemapStyleUrl = " " }.BasemapStyle());
        Assert.Equal(ResponseHeaders.MapPagePolicy, ResponseHeaders.MapPagePolicyWith(null));
        Assert.Contains("connect-src 'self';", ResponseHeaders.MapPagePolicy);
    }

    [Fact]
    public void A_basemap_style_url_adds_its_origin_to_connect_src()
    {
        var style = new MapPageOptions { BasemapStyleUrl = "https://tiles.example.org:8443/styles/liberty/style.json" }.BasemapStyle();
        Assert.NotNull(style);
        var policy = ResponseHeaders.MapPagePolicyWith(style.GetLeftPart(UriPartial.Authority));
        Assert.Contains("connect-src 'self' https://tiles.example.org:8443;", policy);
        Assert.Contains("script-src 'self';", policy);
    }

    [Theory]
    [InlineData("styles/liberty.json")]
    [InlineData("ftp://tiles.example.org/style.json")]
    [InlineData("javascript:alert(1)")]
    public void Anything_but_an_absolute_http_url_stops_the_start_with_the_setting_name(string url)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new MapPageOptions { BasemapStyleUrl = url }.BasemapStyle());
        Assert.Contains("Geographie:Map:BasemapStyleUrl", error.Message);
        Assert.Contains(url, error.Message);
    }
}
