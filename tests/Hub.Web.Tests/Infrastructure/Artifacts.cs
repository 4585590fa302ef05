using Microsoft.Playwright;

namespace Hub.Web.Tests.Infrastructure;

/// <summary>Where the browser tests leave what people look at: screenshots under TestResults/screenshots.</summary>
public static class Artifacts
{
    public static string ScreenshotDirectory { get; } = Resolve();

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    /// <summary>Runs a test's steps; when one fails, the page as it was is saved beside the screenshots.</summary>
    public static async Task OnFailureAsync(IPage page, string name, Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch
        {
            await ScreenshotAsync(page, "FAILED-" + name);
            await File.WriteAllTextAsync(Path.Combine(ScreenshotDirectory, "FAILED-" + name + ".html"), await page.ContentAsync());
            throw;
        }
    }

    private static string Resolve()
    {
        if (Environment.GetEnvironmentVariable("HUB_TEST_SCREENSHOTS") is { Length: > 0 } configured) return configured;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Hub.Web.Tests.csproj")))
            dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
    }
}
