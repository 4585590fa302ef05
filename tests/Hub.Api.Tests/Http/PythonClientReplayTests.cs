using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Http;

/// <summary>
/// The requests huggingface_hub (Python) sends, replayed byte for byte as its source builds them (file_download.py,
/// hf_api.py, utils/_http.py), with assertions on what its parsers read — on the hub backed by PostgreSQL and Ceph RGW.
/// </summary>
[Collection(ProductionHubCollection.Name)]
public sealed class PythonClientReplayTests(ProductionHub hub)
{
    private static string NewName() => "r" + Guid.NewGuid().ToString("N")[..12];

    private static string Prefix(string type) => type == "model" ? "" : type + "s/";

    /// <summary><c>get_hf_file_metadata</c>: HEAD with <c>Accept-Encoding: identity</c>, following relative redirects only.</summary>
    private static async Task<HttpResponseMessage> HeadLikePythonAsync(HttpClient client, string url)
    {
        for (var hops = 0; ; hops++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, url);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "identity");
            var response = await client.SendAsync(request);
            if ((int)response.StatusCode is < 300 or > 399 || response.Headers.Location is not { IsAbsoluteUri: false } location || hops > 5) return response;
            // _httpx_follow_relative_redirects: keeps scheme and host, replaces the path with the Location's.
            url = location.OriginalString;
        }
    }

    [Theory]
    [InlineData("model")]
    [InlineData("dataset")]
    [InlineData("space")]
    public async Task Hf_hub_download_of_a_renamed_repo_follows_the_relative_307_to_the_file(string type)
    {
        var (owner, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName(), type);
        var text = Encoding.UTF8.GetBytes("{\"a\": 1}");
        var lfs = Encoding.UTF8.GetBytes(new string('x', 4096));
        await HubApi.UploadLfsAsync(client, repo, lfs, Prefix(type));
        var response = await HubApi.CommitAsync(client, repo, "files",
            [HubApi.File("données/é config.json", text), HubApi.LfsFile("weights.bin", lfs)], type: type);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var target = $"{owner}/{NewName()}";
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("api/repos/move", new { fromRepo = repo, toRepo = target, type })).StatusCode);

        // Python quotes the file name with '/' kept: hf_hub_url(..., filename=quote(filename)).
        var head = await HeadLikePythonAsync(client, $"{Prefix(type)}{repo}/resolve/main/{Uri.EscapeDataString("données")}/{Uri.EscapeDataString("é config.json")}");
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Matches("^[0-9a-f]{40}$", head.Headers.GetValues("X-Repo-Commit").Single());
        Assert.Equal($"\"{HubApi.GitBlobId(text)}\"", head.Headers.ETag!.ToString());
        Assert.Equal(text.Length, head.Content.Headers.ContentLength);

        var lfsHead = await HeadLikePythonAsync(client, $"{Prefix(type)}{repo}/resolve/main/weights.bin");
        Assert.Equal(HttpStatusCode.Found, lfsHead.StatusCode);
        Assert.True(lfsHead.Headers.Location!.IsAbsoluteUri);
        Assert.Equal(HubApi.Sha256(lfs), lfsHead.Headers.GetValues("X-Linked-Etag").Single().Trim('"'));
        Assert.Equal(lfs.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), lfsHead.Headers.GetValues("X-Linked-Size").Single());
    }
    [Theory]
    [InlineData("models")]
    [InlineData("datasets")]
    [InlineData("spaces")]
    public async Task Repo_info_and_lists_answer_expand_values_they_do_not_know_with_the_fields_they_do(string segment)
    {
        // huggingface.co refuses an unknown expand value with 400, but a self-hosted hub lags behind the clients: a newer
        // huggingface_hub or @huggingface/hub that asks for a field added since must still get its answer, without it.
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName(), segment.TrimEnd('s'));
        var info = await client.GetAsync($"api/{segment}/{repo}/revision/main?expand[]=sha&expand[]=aFieldFromTheFuture");
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        var body = JsonNode.Parse(await info.Content.ReadAsStringAsync())!.AsObject();
        Assert.Matches("^[0-9a-f]{40}$", body["sha"]!.GetValue<string>());
        Assert.False(body.ContainsKey("aFieldFromTheFuture"));
        var list = await client.GetAsync($"api/{segment}?author={repo.Split('/')[0]}&expand=lastModified&expand=aFieldFromTheFuture");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var first = JsonNode.Parse(await list.Content.ReadAsStringAsync())!.AsArray().Single()!.AsObject();
        Assert.Equal(repo, first["id"]!.GetValue<string>());
        Assert.NotNull(first["lastModified"]);
    }

    [Fact]
    public async Task Super_squash_history_is_refused_with_a_400_that_names_the_feature_after_the_repo_checks()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        foreach (var type in new[] { "model", "dataset", "space" })
        {
            var repo = await HubApi.CreateRepoAsync(client, NewName(), type, isPrivate: true);
            var response = await client.PostAsJsonAsync($"api/{type}s/{repo}/super-squash/main", new { message = "squash" });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("super_squash_history", response.Headers.GetValues("X-Error-Message").Single(), StringComparison.Ordinal);
            var anonymous = await hub.Client().PostAsJsonAsync($"api/{type}s/{repo}/super-squash/main", new { message = "squash" });
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("RepoNotFound", anonymous.Headers.GetValues("X-Error-Code").Single());
        }
    }
    [Theory]
    [InlineData("dataset")]
    [InlineData("space")]
    public async Task Head_errors_carry_the_codes_hf_raise_for_status_maps(string type)
    {
        var (_, token) = await hub.CreateUserAsync();
        var (_, strangerToken) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var hidden = await HubApi.CreateRepoAsync(client, NewName(), type, isPrivate: true);
        var gated = await HubApi.CreateRepoAsync(client, NewName(), type);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"api/{type}s/{gated}/settings", new { gated = "manual" })).StatusCode);
        var sha = (await HeadLikePythonAsync(client, $"{Prefix(type)}{gated}/resolve/main/.gitattributes")).Headers.GetValues("X-Repo-Commit").Single();

        async Task ExpectAsync(HttpClient who, string url, HttpStatusCode status, string? code)
        {
            var response = await HeadLikePythonAsync(who, url);
            Assert.True(response.StatusCode == status, $"{url}: {(int)response.StatusCode}");
            // A HEAD has no body: X-Error-Message is all Python can show.
            Assert.False(string.IsNullOrWhiteSpace(response.Headers.GetValues("X-Error-Message").Single()));
            if (code is null) Assert.False(response.Headers.Contains("X-Error-Code"));
            else Assert.Equal(code, response.Headers.GetValues("X-Error-Code").Single());
        }
        await ExpectAsync(hub.Client(), $"{Prefix(type)}{hidden}/resolve/main/x.txt", HttpStatusCode.Unauthorized, "RepoNotFound");
        await ExpectAsync(hub.Client(strangerToken), $"{Prefix(type)}{hidden}/resolve/main/x.txt", HttpStatusCode.NotFound, "RepoNotFound");
        await ExpectAsync(hub.Client(), $"{Prefix(type)}{gated}/resolve/main/.gitattributes", HttpStatusCode.Unauthorized, "GatedRepo");
        await ExpectAsync(hub.Client(strangerToken), $"{Prefix(type)}{gated}/resolve/main/.gitattributes", HttpStatusCode.Forbidden, "GatedRepo");
        await ExpectAsync(client, $"{Prefix(type)}{gated}/resolve/nope/.gitattributes", HttpStatusCode.NotFound, "RevisionNotFound");
        await ExpectAsync(client, $"{Prefix(type)}{gated}/resolve/{sha}/missing.json", HttpStatusCode.NotFound, "EntryNotFound");
        Assert.Equal(sha, (await HeadLikePythonAsync(client, $"{Prefix(type)}{gated}/resolve/main/missing.json")).Headers.GetValues("X-Repo-Commit").Single());
        await ExpectAsync(hub.Client("hf_" + new string('x', 34)), $"{Prefix(type)}{gated}/resolve/main/.gitattributes", HttpStatusCode.Unauthorized, null);
    }
}
