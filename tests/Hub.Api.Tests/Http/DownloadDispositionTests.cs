using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Http;

/// <summary>resolve answers <c>inline</c> by default, <c>attachment</c> for <c>?download=true</c> and no disposition for <c>?noContentDisposition=1</c> (hf-api.md §2.5).</summary>
[Collection(EmbeddedHubCollection.Name)]
public sealed class DownloadDispositionTests(EmbeddedHub hub)
{
    [Fact]
    public async Task The_download_query_asks_for_an_attachment_and_noContentDisposition_for_none()
    {
        var client = hub.Client(hub.AdminToken);
        var repo = await HubApi.CreateRepoAsync(client, "disp-" + Guid.NewGuid().ToString("N")[..8]);
        await HubApi.CommitOkAsync(client, repo, "notes", HubApi.File("notes.txt", "hello"u8.ToArray()));

        async Task<string?> DispositionAsync(string query)
        {
            using var response = await client.GetAsync($"{repo}/resolve/main/notes.txt{query}");
            response.EnsureSuccessStatusCode();
            return response.Content.Headers.TryGetValues("Content-Disposition", out var values) ? string.Join(",", values) : null;
        }

        Assert.StartsWith("inline;", await DispositionAsync(""), StringComparison.Ordinal);
        Assert.StartsWith("attachment;", await DispositionAsync("?download=true"), StringComparison.Ordinal);
        Assert.StartsWith("inline;", await DispositionAsync("?download=false"), StringComparison.Ordinal);
        Assert.Null(await DispositionAsync("?noContentDisposition=1"));
    }
}
