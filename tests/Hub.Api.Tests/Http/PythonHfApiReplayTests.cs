using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Http;

/// <summary>
/// HfApi calls of huggingface_hub (hf_api.py) replayed as it sends them — form bodies, <c>include_prs=1</c>,
/// unencoded-then-quoted revisions, Link pages followed as absolute URLs — asserting on the keys its parsers index.
/// </summary>
[Collection(ProductionHubCollection.Name)]
public sealed class PythonHfApiReplayTests(ProductionHub hub)
{
    private static string NewName() => "r" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary><c>utils/_pagination.paginate</c>: GET, then follow <c>Link rel="next"</c> as given until there is none.</summary>
    private static async Task<(List<JsonNode> Items, int Pages)> PaginateAsync(HttpClient client, string url)
    {
        var items = new List<JsonNode>();
        var pages = 0;
        for (string? next = url; next is not null; pages++)
        {
            var response = await client.GetAsync(next);
            items.AddRange((await JsonAsync(response)).AsArray().Select(n => n!));
            next = null;
            if (response.Headers.TryGetValues("Link", out var links))
            {
                var match = System.Text.RegularExpressions.Regex.Match(links.Single(), "<(https?://[^>]+)>;\\s+rel=\"next\"");
                Assert.True(match.Success, links.Single());
                next = match.Groups[1].Value;
            }
        }
        return (items, pages);
    }

    [Theory]
    [InlineData("model")]
    [InlineData("dataset")]
    public async Task List_repo_tree_with_expand_pages_by_cursor_and_every_file_has_last_commit_and_security(string type)
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName(), type);
        var files = Enumerable.Range(0, 60).Select(i => HubApi.File($"dir/f{i:D2}.txt", Encoding.UTF8.GetBytes($"file {i}"))).ToArray();
        Assert.True((await HubApi.CommitAsync(client, repo, "many", files, type: type)).IsSuccessStatusCode);

        var (items, pages) = await PaginateAsync(client, $"api/{type}s/{repo}/tree/main/dir?recursive=True&expand=True");
        Assert.True(pages >= 2, $"{pages} page(s)");
        Assert.Equal(60, items.Select(i => i["path"]!.GetValue<string>()).Distinct().Count());
        foreach (var item in items)
        {
            // RepoFile(**item): LastCommitInfo(oid=..["id"], title=..["title"], date=parse_datetime(..["date"])).
            Assert.Matches("^[0-9a-f]{40}$", item["lastCommit"]!["id"]!.GetValue<string>());
            Assert.Equal("many", item["lastCommit"]!["title"]!.GetValue<string>());
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", item["lastCommit"]!["date"]!.GetValue<string>());
            // BlobSecurityInfo(status=..["status"], av_scan=..["avScan"], pickle_import_scan=..["pickleImportScan"]): keys must exist.
            var security = item["securityFileStatus"]!.AsObject();
            Assert.True(security.ContainsKey("status") && security.ContainsKey("avScan") && security.ContainsKey("pickleImportScan"), security.ToJsonString());
        }
    }

    [Fact]
    public async Task Get_paths_info_takes_the_form_body_python_sends_and_snapshot_lists_the_tree_at_a_commit_id()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName(), "space");
        var commit = await HubApi.CommitAsync(client, repo, "add", [HubApi.File("a.txt", "a"u8.ToArray()), HubApi.File("sub/b.txt", "bb"u8.ToArray())], type: "space");
        var sha = (await JsonAsync(commit))["commitOid"]!.GetValue<string>();
        var form = new FormUrlEncodedContent([new("paths", "a.txt"), new("paths", "sub"), new("paths", "missing.txt"), new("expand", "true")]);
        var info = (await JsonAsync(await client.PostAsync($"api/spaces/{repo}/paths-info/{sha}", form))).AsArray();
        Assert.Equal(["a.txt", "sub"], info.Select(i => i!["path"]!.GetValue<string>()).Order());
        Assert.Equal("directory", info.Single(i => i!["path"]!.GetValue<string>() == "sub")!["type"]!.GetValue<string>());
        Assert.NotNull(info.Single(i => i!["path"]!.GetValue<string>() == "a.txt")!["lastCommit"]);

        var tree = await PaginateAsync(client, $"api/spaces/{repo}/tree/{sha}?recursive=true&expand=false");
        Assert.Contains(tree.Items, i => i["path"]!.GetValue<string>() == "sub/b.txt" && i["size"]!.GetValue<long>() == 2);
    }

    [Fact]
    public async Task Refs_branches_and_tags_behave_as_create_branch_create_tag_and_list_repo_refs_expect()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName());
        var first = await HubApi.CommitOkAsync(client, repo, "one", HubApi.File("a.txt", "1"u8.ToArray()));
        await HubApi.CommitOkAsync(client, repo, "two", HubApi.File("a.txt", "2"u8.ToArray()));
        Assert.True((await HubApi.CommitAsync(client, repo, "pr", [HubApi.File("b.txt", "b"u8.ToArray())], createPr: true)).IsSuccessStatusCode);

        // create_branch(branch="dev/x", revision=first): quote(branch, safe=""), {"startingPoint": revision}; exist_ok swallows 409 only.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("api/models/" + repo + "/branch/dev%2Fx", new { startingPoint = first })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync("api/models/" + repo + "/branch/dev%2Fx", new { startingPoint = first })).StatusCode);
        // create_tag(tag, revision=first): POST /tag/{quote(revision, safe="")} {"tag", "message"}.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"api/models/{repo}/tag/{first}", new { tag = "v1", message = "first" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"api/models/{repo}/tag/{first}", new { tag = "v1" })).StatusCode);
        var refs = await JsonAsync(await client.GetAsync($"api/models/{repo}/refs?include_prs=1"));
        foreach (var group in new[] { "branches", "converts", "tags", "pullRequests" }) Assert.True(refs[group] is JsonArray, refs.ToJsonString());
        Assert.True(refs["branches"]!.AsArray().Any(b => b!["name"]!.GetValue<string>() == "dev/x" && b["ref"]!.GetValue<string>() == "refs/heads/dev/x" && b["targetCommit"]!.GetValue<string>() == first), refs.ToJsonString());
        Assert.True(refs["tags"]!.AsArray().Any(t => t!["name"]!.GetValue<string>() == "v1" && t["targetCommit"]!.GetValue<string>() == first), refs.ToJsonString());
        Assert.True(refs["pullRequests"]!.AsArray().Any(p => p!["ref"]!.GetValue<string>() == "refs/pr/1"), refs.ToJsonString());
        Assert.Null((await JsonAsync(await client.GetAsync($"api/models/{repo}/refs")))["pullRequests"]);

        // The default branch cannot go; deleting another one works; model_info at refs/pr/1, quoted.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync($"api/models/{repo}/branch/main")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"api/models/{repo}/branch/dev%2Fx")).StatusCode);
        var pr = await JsonAsync(await client.GetAsync($"api/models/{repo}/revision/refs%2Fpr%2F1"));
        Assert.Contains(pr["siblings"]!.AsArray(), s => s!["rfilename"]!.GetValue<string>() == "b.txt");
        var head = new HttpRequestMessage(HttpMethod.Head, $"{repo}/resolve/refs%2Fpr%2F1/b.txt");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(head)).StatusCode);
    }

    [Fact]
    public async Task List_repo_commits_follows_link_pages_of_the_default_size()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName(), "dataset");
        for (var i = 0; i < 52; i++)
            Assert.True((await HubApi.CommitAsync(client, repo, $"c{i}", [HubApi.File("n.txt", Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))], type: "dataset")).IsSuccessStatusCode);
        var (commits, pages) = await PaginateAsync(client, $"api/datasets/{repo}/commits/main?expand%5B%5D=formatted");
        Assert.True(pages >= 2);
        Assert.Equal(commits.Count, commits.Select(c => c["id"]!.GetValue<string>()).Distinct().Count());
        Assert.True(commits.Count >= 53, commits.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(commits, c => Assert.NotNull(c["formatted"]!["title"]));
    }

    [Fact]
    public async Task Update_repo_settings_takes_gated_auto_manual_false_and_private()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName(), "dataset");
        async Task<JsonNode> InfoAsync() => await JsonAsync(await client.GetAsync($"api/datasets/{repo}"));
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"api/datasets/{repo}/settings", new { gated = "auto" })).StatusCode);
        Assert.Equal("auto", (await InfoAsync())["gated"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"api/datasets/{repo}/settings", new { gated = "manual", @private = true })).StatusCode);
        Assert.Equal("manual", (await InfoAsync())["gated"]!.GetValue<string>());
        Assert.True((await InfoAsync())["private"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"api/datasets/{repo}/settings", new { gated = false, @private = false })).StatusCode);
        Assert.False((await InfoAsync())["gated"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsJsonAsync($"api/datasets/{repo}/settings", new { gated = "sometimes" })).StatusCode);
    }

    [Fact]
    public async Task Copy_of_an_lfs_file_without_size_and_delete_folder_commit_as_create_commit_sends_them()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName());
        var weights = Encoding.UTF8.GetBytes(new string('w', 2048));
        await HubApi.UploadLfsAsync(client, repo, weights);
        await HubApi.CommitOkAsync(client, repo, "add", HubApi.LfsFile("w.bin", weights), HubApi.File("old/a.txt", "a"u8.ToArray()), HubApi.File("old/deep/b.txt", "b"u8.ToArray()));
        var oid = HubApi.Sha256(weights);
        await HubApi.CommitOkAsync(client, repo, "copy and delete",
            new { key = "lfsFile", value = new { path = "copy/w.bin", algo = "sha256", oid } },
            new { key = "deletedFolder", value = new { path = "old/" } });
        var tree = (await JsonAsync(await client.GetAsync($"api/models/{repo}/tree/main?recursive=true"))).AsArray();
        Assert.DoesNotContain(tree, e => e!["path"]!.GetValue<string>().StartsWith("old", StringComparison.Ordinal));
        var copy = tree.Single(e => e!["path"]!.GetValue<string>() == "copy/w.bin")!;
        Assert.Equal(oid, copy["lfs"]!["oid"]!.GetValue<string>());
        Assert.Equal(weights.Length, copy["lfs"]!["size"]!.GetValue<long>());
    }

    [Fact]
    public async Task List_models_full_and_card_data_carry_siblings_sha_and_card_data()
    {
        var (owner, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName());
        await HubApi.CommitOkAsync(client, repo, "card", HubApi.File("README.md", "---\nlicense: mit\n---\n# hi\n"u8.ToArray()));
        var items = (await JsonAsync(await client.GetAsync($"api/models?author={owner}&full=True&cardData=True"))).AsArray();
        var item = items.Single()!;
        Assert.Equal(repo, item["id"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{40}$", item["sha"]!.GetValue<string>());
        Assert.Contains(item["siblings"]!.AsArray(), s => s!["rfilename"]!.GetValue<string>() == "README.md");
        Assert.Equal("mit", item["cardData"]!["license"]!.GetValue<string>());
        Assert.NotNull(item["lastModified"]);
    }
}
