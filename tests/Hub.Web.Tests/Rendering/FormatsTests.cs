using Hub.Web.Components.Pages.Accounts;
using Hub.Web.Rendering;

namespace Hub.Web.Tests.Rendering;

public sealed class FormatsTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(999, "999 B")]
    [InlineData(1561, "1.56 kB")]
    [InlineData(62_914_560, "62.9 MB")]
    [InlineData(3_145_728, "3.15 MB")]
    [InlineData(1_000_000_000_000, "1 TB")]
    public void Sizes_use_decimal_units(long bytes, string text) => Assert.Equal(text, Formats.Size(bytes));

    [Theory]
    [InlineData(12, "12")]
    [InlineData(1234, "1.2k")]
    [InlineData(56_000, "56k")]
    [InlineData(2_500_000, "2.5M")]
    public void Counts_are_short(long n, string text) => Assert.Equal(text, Formats.Count(n));

    [Fact]
    public void Times_read_as_how_long_ago()
    {
        var now = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal("just now", Formats.Ago(now.AddSeconds(-5), now));
        Assert.Equal("1 minute ago", Formats.Ago(now.AddMinutes(-1), now));
        Assert.Equal("3 hours ago", Formats.Ago(now.AddHours(-3), now));
        Assert.Equal("2 days ago", Formats.Ago(now.AddDays(-2), now));
        Assert.Equal("1 year ago", Formats.Ago(now.AddDays(-400), now));
    }

    [Theory]
    [InlineData("/settings/tokens", "/settings/tokens")]
    [InlineData("/", "/")]
    [InlineData("//evil.example/x", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example", "/")]
    [InlineData(null, "/")]
    public void Return_urls_stay_on_this_site(string? url, string expected) => Assert.Equal(expected, LocalUrl.OrHome(url));
}
