using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using SkiaSharp;

namespace Hub.Web.Tests;

/// <summary>
/// The inference widget on the repo page, chosen by the card's pipeline_tag, running real ONNX models through the hub's
/// task API from the browser: what it shows must be what the API answers, with the latency, and errors said plainly.
/// </summary>
[Collection(EmbeddedWebCollection.Name)]
public sealed class WidgetTests(EmbeddedWebHub hub, BrowserFixture browser)
{
    [Fact]
    public async Task Sentence_similarity_widget_on_MiniLM_shows_the_similarity_of_each_sentence_and_the_latency()
    {
        var repo = await WidgetModels.MiniLmAsync(hub);
        await using var context = await browser.NewContextAsync(hub.Url);
        var (page, widget) = await OpenAsync(context, repo);
        await widget.GetByLabel("Source sentence").FillAsync("A man is eating food.");
        await widget.GetByLabel("Sentences to compare (one per line)").FillAsync("A man is eating a piece of bread.\nA man is riding a horse.");
        await widget.GetByRole(AriaRole.Button, new() { Name = "Compute" }).ClickAsync();

        var rows = widget.Locator(".score-bars li");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(0).Locator(".score-label")).ToHaveTextAsync("A man is eating a piece of bread.");
        var bread = double.Parse(await rows.Nth(0).Locator(".score-value").TextContentAsync() ?? "", CultureInfo.InvariantCulture);
        var horse = double.Parse(await rows.Nth(1).Locator(".score-value").TextContentAsync() ?? "", CultureInfo.InvariantCulture);
        Assert.InRange(bread, 0.745, 0.765); // all-MiniLM-L6-v2's cosine for this pair is 0.755 (design.md §6)
        Assert.True(horse < bread, $"{horse} should be below {bread}");
        await Assertions.Expect(widget.Locator(".widget-latency")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Computed in \d+ ms$"));
        await Artifacts.ScreenshotAsync(page, "widget-similarity-desktop");
    }

    [Fact]
    public async Task Text_classification_widget_shows_the_labels_and_scores_the_api_answers_as_bars()
    {
        var repo = await WidgetModels.SentimentAsync(hub);
        await using var context = await browser.NewContextAsync(hub.Url);
        var (_, widget) = await OpenAsync(context, repo);
        await widget.GetByLabel("Text").FillAsync("the movie was great");
        await widget.GetByRole(AriaRole.Button, new() { Name = "Compute" }).ClickAsync();

        var expected = (await ApiAsync(repo, new { inputs = "the movie was great" }))[0]!.AsArray();
        var rows = widget.Locator(".score-bars li");
        await Assertions.Expect(rows).ToHaveCountAsync(expected.Count);
        await Assertions.Expect(rows.Locator(".score-label")).ToHaveTextAsync([.. expected.Select(e => e!["label"]!.GetValue<string>())]);
        await Assertions.Expect(rows.Locator(".score-value")).ToHaveTextAsync([.. expected.Select(e => e!["score"]!.GetValue<double>().ToString("0.000", CultureInfo.InvariantCulture))]);
        await Assertions.Expect(rows.First.Locator("meter")).ToHaveAttributeAsync("value", new System.Text.RegularExpressions.Regex(@"^0\.\d+"));
    }

    [Fact]
    public async Task Token_classification_widget_highlights_the_entities_in_the_text()
    {
        var repo = await WidgetModels.EntitiesAsync(hub);
        await using var context = await browser.NewContextAsync(hub.Url);
        var (_, widget) = await OpenAsync(context, repo);
        await widget.GetByLabel("Text").FillAsync("Sarah lives in New York");
        await widget.GetByRole(AriaRole.Button, new() { Name = "Compute" }).ClickAsync();

        var marks = widget.Locator(".token-spans mark");
        await Assertions.Expect(marks).ToHaveTextAsync(["Sarah PER", "New York LOC"]);
        await Assertions.Expect(widget.Locator(".token-spans")).ToHaveTextAsync("Sarah PER lives in New York LOC");
    }

    [Fact]
    public async Task Fill_mask_widget_ranks_the_tokens_for_the_mask()
    {
        var repo = await WidgetModels.MaskedLmAsync(hub);
        await using var context = await browser.NewContextAsync(hub.Url);
        var (_, widget) = await OpenAsync(context, repo);
        await widget.GetByLabel("Text").FillAsync("the movie was [MASK]");
        await widget.GetByRole(AriaRole.Button, new() { Name = "Compute" }).ClickAsync();

        var expected = (await ApiAsync(repo, new { inputs = "the movie was [MASK]" })).AsArray();
        await Assertions.Expect(widget.Locator(".score-bars .score-label")).ToHaveTextAsync([.. expected.Select(e => e!["token_str"]!.GetValue<string>())]);
        Assert.Contains(expected.Take(2).Select(e => e!["token_str"]!.GetValue<string>()), t => t is "great" or "terrible");
    }

    [Fact]
    public async Task Image_classification_widget_classifies_an_uploaded_image()
    {
        var repo = await WidgetModels.ImageClassifierAsync(hub);
        await using var context = await browser.NewContextAsync(hub.Url);
        var (_, widget) = await OpenAsync(context, repo);
        await widget.GetByLabel("Image").SetInputFilesAsync(new FilePayload { Name = "red.png", MimeType = "image/png", Buffer = Png(SKColors.Red) });
        await widget.GetByRole(AriaRole.Button, new() { Name = "Compute" }).ClickAsync();

        var rows = widget.Locator(".score-bars li");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.First.Locator(".score-label")).ToHaveTextAsync("red");
        await Assertions.Expect(widget.Locator(".widget-latency")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Widget_says_what_went_wrong_when_inference_fails()
    {
        var repo = await WidgetModels.BrokenAsync(hub);
        await using var context = await browser.NewContextAsync(hub.Url);
        var (_, widget) = await OpenAsync(context, repo);
        await widget.GetByRole(AriaRole.Button, new() { Name = "Compute" }).ClickAsync();

        using var api = hub.Client();
        var response = await api.PostAsJsonAsync($"models/{repo}", new { inputs = "I like you. I love you." });
        Assert.False(response.IsSuccessStatusCode);
        var alert = widget.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToBeVisibleAsync();
        await Assertions.Expect(alert).ToContainTextAsync(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(widget.Locator(".score-bars")).ToHaveCountAsync(0);
        await Assertions.Expect(widget.GetByRole(AriaRole.Button, new() { Name = "Compute" })).ToBeEnabledAsync();
    }

    private static async Task<(IPage Page, ILocator Widget)> OpenAsync(IBrowserContext context, string repo)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/" + repo);
        var widget = page.Locator("[data-widget][data-ready=true]");
        await Assertions.Expect(widget).ToBeVisibleAsync();
        return (page, widget);
    }

    private async Task<JsonNode> ApiAsync(string repo, object body)
    {
        using var api = hub.Client();
        var response = await api.PostAsJsonAsync($"models/{repo}", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!;
    }

    private static byte[] Png(SKColor color)
    {
        using var bitmap = new SKBitmap(10, 7);
        bitmap.Erase(color);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
