using Hub.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hub.Web.Tests;

/// <summary>Reading a hub in the browser: lists, search, the card, files, the file viewer, history and diffs.</summary>
[Collection(ProductionWebCollection.Name)]
public sealed class BrowsingTests(ProductionWebHub hub, BrowserFixture browser)
{
    [Fact]
    public async Task Search_with_a_filter_and_a_sort_finds_the_repository()
    {
        var gallery = await Gallery.OfAsync(hub);
        await using var context = await browser.NewContextAsync(hub.Url);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/models");
        await page.GetByRole(AriaRole.Link, new() { Name = "sentence-similarity" }).First.ClickAsync();
        await page.WaitForURLAsync("**/models?pipeline_tag=sentence-similarity");
        await page.GetByLabel("Sort").SelectOptionAsync("updated");
        await page.WaitForURLAsync("**sort=updated**");
        await page.GetByLabel("Filter models by name").FillAsync("sentence-mod");
        var results = page.Locator("#results");
        await Assertions.Expect(results.GetByRole(AriaRole.Link, new() { Name = gallery.Model })).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("search=sentence-mod"));
        await page.GetByLabel("Filter models by name").FillAsync("no-such-model-anywhere");
        await Assertions.Expect(results).ToContainTextAsync("No models match.");
        Assert.Contains("search=no-such-model-anywhere", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_cards_in_the_list_show_the_parameter_count_read_from_safetensors_headers()
    {
        var gallery = await Gallery.OfAsync(hub);
        using var api = hub.Client(gallery.Token);
        var repo = await HubRequests.CreateRepoAsync(api, "sized-" + Guid.NewGuid().ToString("N")[..8]);
        // A real safetensors file: 8-byte little-endian header length, the JSON header, then 3 × 2 × F32 and 4 × F16.
        var header = System.Text.Encoding.UTF8.GetBytes(
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[3,2],\"data_offsets\":[0,24]},\"b\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[24,32]}}");
        var weights = new byte[8 + header.Length + 32];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(weights, (ulong)header.Length);
        header.CopyTo(weights, 8);
        await HubRequests.CommitLfsAsync(api, repo, "model.safetensors", weights, "Add weights");

        await using var context = await browser.NewContextAsync(hub.Url);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/models?search=" + repo.Split('/')[1]);
        var card = page.Locator("article.repo-card", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = repo }) });
        await Assertions.Expect(card).ToContainTextAsync("10 params");
        await Assertions.Expect(card.GetByTitle("10 parameters")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Repository_page_renders_the_card_without_its_front_matter_and_shows_its_metadata_and_snippets()
    {
        var gallery = await Gallery.OfAsync(hub);
        await using var context = await browser.NewContextAsync(hub.Url);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("/" + gallery.Model);
        Assert.Equal(200, response!.Status);
        var card = page.Locator("article.card-body");
        await Assertions.Expect(card.GetByRole(AriaRole.Heading, new() { Name = "Gallery model", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(card.Locator("pre code")).ToContainTextAsync("SentenceTransformer");
        await Assertions.Expect(card.GetByRole(AriaRole.Link, new() { Name = "configuration" })).ToHaveAttributeAsync("href", $"/{gallery.Model}/blob/main/config.json");
        await Assertions.Expect(card).Not.ToContainTextAsync("pipeline_tag:");
        var sidebar = page.Locator(".repo-sidebar");
        foreach (var fact in new[] { "sentence-similarity", "sentence-transformers", "mit", "bert-base-uncased", "snli", "en, fr" })
            await Assertions.Expect(sidebar).ToContainTextAsync(fact);
        await Assertions.Expect(sidebar.Locator("figure", new() { HasText = "git clone" })).ToContainTextAsync($"git clone {hub.Url}/{gallery.Model}");
        await Assertions.Expect(sidebar.Locator("figure", new() { HasText = "huggingface_hub" })).ToContainTextAsync($"os.environ[\"HF_ENDPOINT\"] = \"{hub.Url}\"");
    }

    [Fact]
    public async Task Files_tab_lists_folders_sizes_lfs_and_last_commits_and_the_viewer_highlights_json()
    {
        var gallery = await Gallery.OfAsync(hub);
        await using var context = await browser.NewContextAsync(hub.Url);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/{gallery.Model}/tree/main");
        var table = page.Locator("table.file-table");
        await Assertions.Expect(table.GetByRole(AriaRole.Link, new() { Name = "onnx", Exact = true })).ToBeVisibleAsync();
        var config = table.Locator("tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "config.json", Exact = true }) });
        await Assertions.Expect(config).ToContainTextAsync("Tune the config");
        await table.GetByRole(AriaRole.Link, new() { Name = "onnx", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**/{gallery.Model}/tree/main/onnx");
        var weights = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "model.onnx" }) });
        await Assertions.Expect(weights).ToContainTextAsync("3.15 MB");
        await Assertions.Expect(weights.GetByText("LFS", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(weights).ToContainTextAsync("Add the ONNX weights");

        await page.GotoAsync($"/{gallery.Model}/blob/main/config.json");
        await Assertions.Expect(page.Locator("pre.code .tok-key").First).ToHaveTextAsync("\"model_type\"");
        await Assertions.Expect(page.Locator("pre.code .tok-num", new() { HasText = "12" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("pre.code .tok-lit", new() { HasText = "null" })).ToBeVisibleAsync();

        await page.GotoAsync($"/{gallery.Model}/blob/main/onnx/model.onnx");
        await Assertions.Expect(page.Locator(".file-view")).ToContainTextAsync("stored with Git LFS");

        await page.GotoAsync($"/{gallery.Model}/blob/main/onnx/README.md");
        await Assertions.Expect(page.Locator(".file-view .markdown h1")).ToHaveTextAsync("ONNX export");
    }

    [Fact]
    public async Task Dataset_viewer_previews_the_first_rows_of_csv_and_json_lines()
    {
        var gallery = await Gallery.OfAsync(hub);
        await using var context = await browser.NewContextAsync(hub.Url);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/datasets/{gallery.Dataset}/blob/main/data/train.csv");
        var table = page.Locator("table.data-table");
        await Assertions.Expect(table.Locator("thead")).ToContainTextAsync("label");
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(table.Locator("tbody tr").Nth(2)).ToContainTextAsync("He said \"wow\"");
        await page.GotoAsync($"/datasets/{gallery.Dataset}/blob/main/data/test.jsonl");
        await Assertions.Expect(page.Locator("table.data-table tbody tr")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task Commits_tab_lists_history_and_a_commit_shows_its_line_diff_and_lfs_changes()
    {
        var gallery = await Gallery.OfAsync(hub);
        await using var context = await browser.NewContextAsync(hub.Url);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/{gallery.Model}/commits/main");
        await Assertions.Expect(page.Locator(".commit-item")).ToHaveCountAsync(4);
        await page.GetByRole(AriaRole.Link, new() { Name = "Tune the config" }).ClickAsync();
        await page.WaitForURLAsync($"**/commit/{gallery.SecondCommit}");
        var diff = page.Locator("article.diff-file");
        await Assertions.Expect(diff).ToHaveCountAsync(1);
        await Assertions.Expect(diff.Locator("tr.diff-removed")).ToContainTextAsync("\"num_layers\": 6");
        await Assertions.Expect(diff.Locator("tr.diff-added")).ToContainTextAsync("\"num_layers\": 12");

        await page.GotoAsync($"/{gallery.Model}/commits/main");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add the ONNX weights" }).ClickAsync();
        var lfs = page.Locator("article.diff-file", new() { HasText = "onnx/model.onnx" });
        await Assertions.Expect(lfs.Locator("table.lfs-change")).ToContainTextAsync("3.15 MB");
        await Assertions.Expect(lfs.Locator(".diff-kind")).ToHaveTextAsync("added");
    }

    [Fact]
    public async Task Branch_switcher_shows_files_of_another_branch()
    {
        var gallery = await Gallery.OfAsync(hub);
        using var api = hub.Client(gallery.Token);
        var branch = "exp-" + Guid.NewGuid().ToString("N")[..6];
        var created = await api.PostAsync($"api/models/{gallery.Model}/branch/{branch}", null);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        await using var context = await browser.NewContextAsync(hub.Url);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/{gallery.Model}/tree/main");
        await page.Locator(".branch-switcher summary").ClickAsync();
        await page.Locator(".branch-switcher").GetByRole(AriaRole.Link, new() { Name = branch }).ClickAsync();
        await page.WaitForURLAsync($"**/{gallery.Model}/tree/{branch}");
        await Assertions.Expect(page.Locator(".branch-switcher summary")).ToContainTextAsync(branch);
        await Assertions.Expect(page.Locator("table.file-table")).ToContainTextAsync("config.json");
    }
}
