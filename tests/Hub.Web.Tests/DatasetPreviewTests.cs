using Hub.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hub.Web.Tests;

/// <summary>Parquet files of datasets show their first rows, read from storage by range (S3 on this hub).</summary>
[Collection(ProductionWebCollection.Name)]
public sealed class DatasetPreviewTests(ProductionWebHub hub, BrowserFixture browser)
{
    [Fact]
    public async Task Parquet_file_stored_with_lfs_shows_its_first_rows_and_row_count()
    {
        var (_, session) = await Accounts.SignUpAsync(hub);
        using var api = hub.Client(await Accounts.CreateTokenAsync(hub, session));
        var repo = await HubRequests.CreateRepoAsync(api, "parquet-data", type: "dataset");
        await HubRequests.CommitLfsAsync(api, repo, "data/train.parquet", await ParquetFiles.WriteAsync(groups: 3, rowsPerGroup: 1000), "Add the training split", type: "dataset");

        await using var context = await browser.NewContextAsync(hub.Url);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync($"/datasets/{repo}/blob/main/data/train.parquet");

        Assert.Equal(200, response!.Status);
        var table = page.Locator("table.data-table");
        await Assertions.Expect(table.Locator("caption")).ToHaveTextAsync("First 20 of 3,000 rows");
        await Assertions.Expect(table.Locator("thead th")).ToHaveTextAsync(["id", "text", "score"]);
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(20);
        await Assertions.Expect(table.Locator("tbody tr").Nth(2).Locator("td").First).ToHaveTextAsync("2");
        await Assertions.Expect(table.Locator("tbody tr").Nth(2).Locator("td").Nth(1)).ToContainTextAsync("row 2 cccccccccc");
        var info = System.Text.Json.Nodes.JsonNode.Parse(await api.GetStringAsync($"api/datasets/{repo}"))!;
        Assert.Equal(0, info["downloads"]!.GetValue<long>()); // a preview is not a download
        await Artifacts.ScreenshotAsync(page, "dataset-parquet-desktop");
        await AccessibilityCheck.AssertNoViolationsAsync(page, "parquet preview");
    }

    [Fact]
    public async Task A_damaged_parquet_file_says_why_there_is_no_preview()
    {
        var (_, session) = await Accounts.SignUpAsync(hub);
        using var api = hub.Client(await Accounts.CreateTokenAsync(hub, session));
        var repo = await HubRequests.CreateRepoAsync(api, "broken-parquet", type: "dataset");
        await HubRequests.CommitLfsAsync(api, repo, "broken.parquet", System.Security.Cryptography.RandomNumberGenerator.GetBytes(4096), "Add a damaged file", type: "dataset");

        await using var context = await browser.NewContextAsync(hub.Url);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/datasets/{repo}/blob/main/broken.parquet");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("No preview of this Parquet file: The file does not end like a Parquet file.");
        await Assertions.Expect(page.Locator("table.data-table")).ToHaveCountAsync(0);
    }
}
