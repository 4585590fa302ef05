using Microsoft.Playwright;

namespace Hub.Web.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright (design.md §6): launched from /usr/bin/chromium, never downloaded. Each test
/// opens its own context (cookies, storage, viewport, colour scheme).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static readonly ViewportSize Desktop = new() { Width = 1366, Height = 900 };

    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is required by the browser tests but {ChromiumPath} is missing: run deploy/test/install-deps.sh (apt-get install chromium).");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IBrowserContext> NewContextAsync(string baseUrl, ViewportSize? viewport = null, ColorScheme scheme = ColorScheme.Light, bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = viewport ?? Desktop,
            ColorScheme = scheme,
            IsMobile = phone,
            HasTouch = phone,
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(30_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
    }
}
