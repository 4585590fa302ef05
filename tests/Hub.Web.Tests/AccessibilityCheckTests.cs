using Hub.Web.Tests.Infrastructure;

namespace Hub.Web.Tests;

/// <summary>The accessibility check itself finds what it looks for (so a clean result means something).</summary>
[Collection(EmbeddedWebCollection.Name)]
public sealed class AccessibilityCheckTests(BrowserFixture browser)
{
    [Fact]
    public async Task Check_reports_missing_labels_alt_texts_names_landmarks_and_low_contrast()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("""
            <html><head><title>t</title></head><body style="background:#fff">
            <div id="x"></div><div id="x"></div>
            <input type="text">
            <img src="data:,">
            <button></button>
            <p style="color:#aaaaaa">faint text</p>
            <p style="color:#111">fine text</p>
            </body></html>
            """);
        var problems = await AccessibilityCheck.RunAsync(page);
        Assert.Contains(problems, p => p.StartsWith("html has no lang", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("expected exactly one main", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("no banner", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("no navigation", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("no h1", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("duplicate id \"x\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("form control without label", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("image without alt", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("link or button without a name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("contrast 2.", StringComparison.Ordinal) && p.Contains("faint text", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("fine text", StringComparison.Ordinal));
    }
}
