using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests;

/// <summary>Headers and error codes of hf-api.md §1.5 and §2.5, on the hub backed by PostgreSQL and Ceph RGW.</summary>
[Collection(ProductionHubCollection.Name)]
public sealed class HfContractTests(ProductionHub hub)
{
    private static string NewName() => "r" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    [Fact]
    public async Task Invalid_token_is_refused_with_the_exact_HF_message()
    {
        var response = await hub.Client("hf_notARealTokenAtAll1234567890").GetAsync("api/whoami-v2");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Invalid credentials in Authorization header", response.Headers.GetValues("X-Error-Message").Single());
        Assert.Equal("Invalid credentials in Authorization header", (await JsonAsync(response))["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Client().GetAsync("api/whoami-v2")).StatusCode);
    }

    [Fact]
    public async Task Whoami_has_the_fields_the_clients_read()
    {
        var (name, token) = await hub.CreateUserAsync("read");
        var json = await JsonAsync(await hub.Client(token).GetAsync("api/whoami-v2"));
        Assert.Equal("user", json["type"]!.GetValue<string>());
        Assert.Equal(name, json["name"]!.GetValue<string>());
        Assert.NotNull(json["orgs"]!.AsArray());
        Assert.Equal("read", json["auth"]!["accessToken"]!["role"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", json["auth"]!["accessToken"]!["createdAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Basic_auth_with_the_token_as_password_is_accepted()
    {
        var (name, token) = await hub.CreateUserAsync();
        var client = hub.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("hf_user:" + token)));
        Assert.Equal(name, (await JsonAsync(await client.GetAsync("api/whoami-v2")))["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Existing_repo_gives_409_with_url_and_reserved_or_bad_names_give_400()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var name = NewName();
        var repo = await HubApi.CreateRepoAsync(client, name);
        var again = await client.PostAsJsonAsync("api/repos/create", new { name, type = "model" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.EndsWith("/" + repo, (await JsonAsync(again))["url"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("api/repos/create", new { name = "bad name!" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("api/repos/create", new { name = "x", organization = "nobody-" + NewName() })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await hub.Client().PostAsJsonAsync("api/auth/signup", new { username = "datasets", password = "long enough password" })).StatusCode);
    }

    [Fact]
    public async Task Private_repo_is_not_found_for_anonymous_401_and_for_others_404()
    {
        var (_, owner) = await hub.CreateUserAsync();
        var (_, other) = await hub.CreateUserAsync();
        var repo = await HubApi.CreateRepoAsync(hub.Client(owner), NewName(), isPrivate: true);
        foreach (var path in new[] { $"api/models/{repo}", $"api/models/{repo}/tree/main", $"{repo}/resolve/main/.gitattributes", $"api/models/{repo}/refs" })
        {
            var anonymous = await hub.Client().GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("RepoNotFound", anonymous.Headers.GetValues("X-Error-Code").Single());
            var stranger = await hub.Client(other).GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
            Assert.Equal("RepoNotFound", stranger.Headers.GetValues("X-Error-Code").Single());
            Assert.Equal(HttpStatusCode.OK, (await hub.Client(owner).GetAsync(path)).StatusCode);
        }
        var listed = await JsonAsync(await hub.Client(other).GetAsync($"api/models?search={repo.Split('/')[1]}"));
        Assert.Empty(listed.AsArray());
    }

    [Fact]
    public async Task Resolve_of_a_regular_file_carries_every_header_and_honours_ranges()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName());
        var content = Encoding.UTF8.GetBytes("{\"model_type\": \"bert\", \"hidden_size\": 384}\n");
        var commit = await HubApi.CommitOkAsync(client, repo, "add config", HubApi.File("config.json", content));
        var blobId = HubApi.GitBlobId(content);

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{repo}/resolve/main/config.json"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(commit, head.Headers.GetValues("X-Repo-Commit").Single());
        Assert.Equal($"\"{blobId}\"", head.Headers.ETag!.Tag);
        Assert.Equal(content.Length, head.Content.Headers.ContentLength);
        Assert.Equal("bytes", head.Headers.AcceptRanges.Single());

        var get = await client.GetAsync($"{repo}/resolve/{commit}/config.json");
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());

        var range = new HttpRequestMessage(HttpMethod.Get, $"{repo}/resolve/main/config.json");
        range.Headers.Range = new RangeHeaderValue(0, 0);
        var partial = await client.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal($"bytes 0-0/{content.Length}", partial.Content.Headers.ContentRange!.ToString());
        Assert.Equal(content[..1], await partial.Content.ReadAsByteArrayAsync());

        var suffix = new HttpRequestMessage(HttpMethod.Get, $"{repo}/resolve/main/config.json");
        suffix.Headers.Range = new RangeHeaderValue(null, 5);
        Assert.Equal(content[^5..], await (await client.SendAsync(suffix)).Content.ReadAsByteArrayAsync());

        var beyond = new HttpRequestMessage(HttpMethod.Get, $"{repo}/resolve/main/config.json");
        beyond.Headers.Range = new RangeHeaderValue(10_000, null);
        var unsatisfiable = await client.SendAsync(beyond);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);
        Assert.Equal($"bytes */{content.Length}", unsatisfiable.Content.Headers.ContentRange!.ToString());

        var conditional = new HttpRequestMessage(HttpMethod.Get, $"{repo}/resolve/main/config.json");
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{blobId}\""));
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);
    }

    [Fact]
    public async Task Missing_file_and_revision_give_EntryNotFound_with_commit_and_RevisionNotFound()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName());
        var missing = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{repo}/resolve/main/generation_config.json"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("EntryNotFound", missing.Headers.GetValues("X-Error-Code").Single());
        Assert.Matches("^[0-9a-f]{40}$", missing.Headers.GetValues("X-Repo-Commit").Single());
        var badRevision = await client.GetAsync($"{repo}/resolve/nope/config.json");
        Assert.Equal(HttpStatusCode.NotFound, badRevision.StatusCode);
        Assert.Equal("RevisionNotFound", badRevision.Headers.GetValues("X-Error-Code").Single());
        var folder = await client.GetAsync($"api/models/{repo}/tree/main/additional_chat_templates?recursive=false");
        Assert.Equal(HttpStatusCode.NotFound, folder.StatusCode);
        Assert.Equal("EntryNotFound", folder.Headers.GetValues("X-Error-Code").Single());
        Assert.Equal("RevisionNotFound", (await client.GetAsync($"api/models/{repo}/revision/nope")).Headers.GetValues("X-Error-Code").Single());
    }

    [Fact]
    public async Task Lfs_file_redirects_to_a_presigned_url_with_linked_headers()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName());
        var weights = new byte[3 * 1024 * 1024 + 17];
        Random.Shared.NextBytes(weights);
        await HubApi.UploadLfsAsync(client, repo, weights);
        var commit = await HubApi.CommitOkAsync(client, repo, "weights", HubApi.LfsFile("model.safetensors", weights));
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{repo}/resolve/main/model.safetensors"));
        Assert.Equal(HttpStatusCode.Found, head.StatusCode);
        Assert.Equal(commit, head.Headers.GetValues("X-Repo-Commit").Single());
        Assert.Equal(weights.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), head.Headers.GetValues("X-Linked-Size").Single());
        Assert.Equal($"\"{HubApi.Sha256(weights)}\"", head.Headers.GetValues("X-Linked-Etag").Single());
        Assert.True(head.Headers.Location!.IsAbsoluteUri);
        using var plain = new HttpClient();
        Assert.Equal(weights, await plain.GetByteArrayAsync(head.Headers.Location));
        var tree = await JsonAsync(await client.GetAsync($"api/models/{repo}/tree/main"));
        var entry = tree.AsArray().Single(e => e!["path"]!.GetValue<string>() == "model.safetensors")!;
        Assert.Equal(HubApi.Sha256(weights), entry["lfs"]!["oid"]!.GetValue<string>());
        Assert.Equal(weights.Length, entry["size"]!.GetValue<long>());
        var attributes = await client.GetStringAsync($"{repo}/resolve/main/.gitattributes");
        Assert.Contains("*.safetensors filter=lfs", attributes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commit_on_a_stale_parent_gives_412_and_create_pr_gives_a_pull_request()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName());
        var info = await JsonAsync(await client.GetAsync($"api/models/{repo}"));
        var first = info["sha"]!.GetValue<string>();
        await HubApi.CommitOkAsync(client, repo, "one", HubApi.File("a.txt", "a"u8.ToArray()));
        var stale = await HubApi.CommitAsync(client, repo, "two", [HubApi.File("b.txt", "b"u8.ToArray())], parent: first);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Contains("The branch was updated since you opened this page", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var pr = await HubApi.CommitAsync(client, repo, "proposal", [HubApi.File("c.txt", "c"u8.ToArray())], createPr: true);
        var prJson = await JsonAsync(pr);
        Assert.Matches(@"/discussions/1$", prJson["pullRequestUrl"]!.GetValue<string>());
        var prFile = await client.GetStringAsync($"{repo}/resolve/{Uri.EscapeDataString("refs/pr/1")}/c.txt");
        Assert.Equal("c", prFile);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{repo}/resolve/main/c.txt")).StatusCode);
        var refs = await JsonAsync(await client.GetAsync($"api/models/{repo}/refs?include_prs=1"));
        Assert.Equal("refs/pr/1", refs["pullRequests"]![0]!["ref"]!.GetValue<string>());
        Assert.NotNull(refs["converts"]!.AsArray());
    }

    [Fact]
    public async Task Branch_and_tag_conflicts_give_409_and_commits_carry_X_Total_Count()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName());
        await HubApi.CommitOkAsync(client, repo, "one", HubApi.File("a.txt", "a"u8.ToArray()));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"api/models/{repo}/branch/dev", new { })).StatusCode);
        var again = await client.PostAsJsonAsync($"api/models/{repo}/branch/dev", new { });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Reference refs/heads/dev already exists", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"api/models/{repo}/branch/{Uri.EscapeDataString("refs/pr/5")}", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"api/models/{repo}/tag/main", new { tag = "v1", message = "first" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"api/models/{repo}/tag/main", new { tag = "v1" })).StatusCode);
        Assert.Equal("a", await client.GetStringAsync($"{repo}/resolve/v1/a.txt"));
        var commits = await client.GetAsync($"api/models/{repo}/commits/main?limit=1");
        Assert.Equal("2", commits.Headers.GetValues("X-Total-Count").Single());
        Assert.Single((await JsonAsync(commits)).AsArray());
        Assert.NotNull(commits.Headers.GetValues("Link").Single());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync($"api/models/{repo}/branch/main")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"api/models/{repo}/branch/dev")).StatusCode);
    }

    [Fact]
    public async Task Read_tokens_cannot_write_and_strangers_cannot_write()
    {
        var (owner, writeToken) = await hub.CreateUserAsync();
        var repo = await HubApi.CreateRepoAsync(hub.Client(writeToken), NewName());
        var accounts = hub.Services.GetService(typeof(Hub.Api.Features.Accounts.AccountService)) as Hub.Api.Features.Accounts.AccountService;
        var user = await ((Hub.Storage.Metadata.Accounts.IAccountStore)hub.Services.GetService(typeof(Hub.Storage.Metadata.Accounts.IAccountStore))!).FindUserAsync(owner, default);
        var (_, readToken) = await accounts!.CreateTokenAsync(user!.Id, "read", "read", null, default);
        var readOnly = await HubApi.CommitAsync(hub.Client(readToken), repo, "nope", [HubApi.File("x.txt", "x"u8.ToArray())]);
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
        var (_, stranger) = await hub.CreateUserAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await HubApi.CommitAsync(hub.Client(stranger), repo, "nope", [HubApi.File("x.txt", "x"u8.ToArray())])).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await HubApi.CommitAsync(hub.Client(), repo, "nope", [HubApi.File("x.txt", "x"u8.ToArray())])).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hub.Client(readToken).GetAsync($"{repo}/resolve/main/.gitattributes")).StatusCode);
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("/absolute.txt")]
    [InlineData("..\\ddd")]
    [InlineData(".git/config")]
    [InlineData("a//b.txt")]
    public async Task Invalid_paths_in_a_commit_give_422_and_change_nothing(string path)
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName());
        var before = (await JsonAsync(await client.GetAsync($"api/models/{repo}")))["sha"]!.GetValue<string>();
        var response = await HubApi.CommitAsync(client, repo, "bad", [HubApi.File(path, "x"u8.ToArray())]);
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Equal(before, (await JsonAsync(await client.GetAsync($"api/models/{repo}")))["sha"]!.GetValue<string>());
    }

    [Fact]
    public async Task Malformed_commit_bodies_and_unknown_lfs_objects_give_400()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName());
        var notJson = await client.PostAsync($"api/models/{repo}/commit/main", new StringContent("{not json\n", Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        var missingObject = await HubApi.CommitAsync(client, repo, "lfs", [new { key = "lfsFile", value = new { path = "w.bin", algo = "sha256", oid = new string('a', 64), size = 10 } }]);
        Assert.Equal(HttpStatusCode.BadRequest, missingObject.StatusCode);
        var badBase64 = await HubApi.CommitAsync(client, repo, "b64", [new { key = "file", value = new { path = "x.txt", content = "***", encoding = "base64" } }]);
        Assert.Equal(HttpStatusCode.BadRequest, badBase64.StatusCode);
        var deleteMissing = await HubApi.CommitAsync(client, repo, "del", [new { key = "deletedFile", value = new { path = "nothing.txt" } }]);
        Assert.Equal(HttpStatusCode.NotFound, deleteMissing.StatusCode);
        Assert.Contains("doesn't exist", await deleteMissing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xet_token_endpoint_answers_501_with_the_fix()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubApi.CreateRepoAsync(hub.Client(token), NewName());
        var response = await hub.Client(token).GetAsync($"api/models/{repo}/xet-write-token/main");
        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Contains("HF_HUB_DISABLE_XET=1", response.Headers.GetValues("X-Error-Message").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_yaml_answers_json_for_valid_and_invalid_metadata()
    {
        var ok = await hub.Client().PostAsJsonAsync("api/validate-yaml", new { content = "---\nlicense: mit\n---\n# x", repoType = "model" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var bad = await hub.Client().PostAsJsonAsync("api/validate-yaml", new { content = "---\nlicense: [mit\n---\n", repoType = "model" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotEmpty((await JsonAsync(bad))["errors"]!.AsArray());
    }

    [Fact]
    public async Task Preupload_paths_info_and_repo_info_describe_files()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName(), type: "dataset");
        var text = "hello"u8.ToArray();
        await HubApi.CommitAsync(client, repo, "add", [HubApi.File("data/train.txt", text)], type: "dataset");
        var preupload = await JsonAsync(await client.PostAsJsonAsync($"api/datasets/{repo}/preupload/main", new
        {
            files = new object[]
            {
                new { path = "data/train.txt", size = text.Length, sample = Convert.ToBase64String(text) },
                new { path = "data/train.parquet", size = 100, sample = Convert.ToBase64String("PAR1"u8.ToArray()) },
                new { path = "big.txt", size = 50_000_000, sample = Convert.ToBase64String("abc"u8.ToArray()) },
                new { path = "blob.dat", size = 10, sample = Convert.ToBase64String([0, 1, 2]) },
            },
            gitIgnore = "*.dat\n",
        }));
        var files = preupload["files"]!.AsArray();
        Assert.Equal("regular", files[0]!["uploadMode"]!.GetValue<string>());
        Assert.Equal(HubApi.GitBlobId(text), files[0]!["oid"]!.GetValue<string>());
        Assert.Equal("lfs", files[1]!["uploadMode"]!.GetValue<string>());
        Assert.Equal("lfs", files[2]!["uploadMode"]!.GetValue<string>());
        Assert.True(files[3]!["shouldIgnore"]!.GetValue<bool>());
        Assert.False(files[0]!["shouldIgnore"]!.GetValue<bool>());
        var form = new FormUrlEncodedContent([new("paths", "data/train.txt"), new("paths", "data"), new("paths", "missing"), new("expand", "True")]);
        var pathsInfo = (await JsonAsync(await client.PostAsync($"api/datasets/{repo}/paths-info/main", form))).AsArray();
        Assert.Equal(2, pathsInfo.Count);
        Assert.Equal("add", pathsInfo.Single(p => p!["path"]!.GetValue<string>() == "data/train.txt")!["lastCommit"]!["title"]!.GetValue<string>());
        var jsonInfo = (await JsonAsync(await client.PostAsJsonAsync($"api/datasets/{repo}/paths-info/main", new { paths = new[] { "data" } }))).AsArray();
        Assert.Equal("directory", jsonInfo.Single()!["type"]!.GetValue<string>());
        var info = await JsonAsync(await client.GetAsync($"api/datasets/{repo}?blobs=true"));
        Assert.Contains(info["siblings"]!.AsArray(), s => s!["rfilename"]!.GetValue<string>() == "data/train.txt" && s["size"]!.GetValue<long>() == 5);
        Assert.Equal(repo, info["id"]!.GetValue<string>());
        Assert.False(info["gated"]!.GetValue<bool>());
        var tree = (await JsonAsync(await client.GetAsync($"api/datasets/{repo}/tree/main?recursive=true"))).AsArray();
        Assert.Contains(tree, e => e!["path"]!.GetValue<string>() == "data" && e["type"]!.GetValue<string>() == "directory");
    }

    [Fact]
    public async Task Moved_repo_redirects_old_urls_and_settings_change_visibility()
    {
        var (owner, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName());
        var target = $"{owner}/{NewName()}";
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("api/repos/move", new { fromRepo = repo, toRepo = target, type = "model" })).StatusCode);
        var old = await client.GetAsync($"api/models/{repo}");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, old.StatusCode);
        Assert.Equal($"/api/models/{target}", old.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"api/models/{target}/settings", new { visibility = "private" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Client().GetAsync($"api/models/{target}")).StatusCode);
        Assert.True((await JsonAsync(await client.GetAsync($"api/models/{target}")))["private"]!.GetValue<bool>());
        var delete = new HttpRequestMessage(HttpMethod.Delete, "api/repos/delete") { Content = JsonContent.Create(new { name = target.Split('/')[1], type = "model" }) };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(delete)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/models/{target}")).StatusCode);
    }
}
