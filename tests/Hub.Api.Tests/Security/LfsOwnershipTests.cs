using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Security;

/// <summary>
/// An LFS object belongs to the repositories whose writers sent its bytes. Knowing an object's oid and size (shown to
/// everyone who sees a gated repository's tree, or learnt elsewhere) must not let another repository link it without
/// uploading it: that would hand out gated or private files through a repository the attacker owns.
/// </summary>
[Collection(ProductionHubCollection.Name)]
public sealed class LfsOwnershipTests(ProductionHub hub)
{
    [Fact]
    public async Task An_object_stored_for_a_gated_repository_cannot_be_claimed_by_another_repository_without_its_bytes()
    {
        var (_, ownerToken) = await hub.CreateUserAsync();
        var owner = hub.Client(ownerToken);
        var gated = await HubApi.CreateRepoAsync(owner, LfsClaims.NewName("gated"));
        var secret = Encoding.UTF8.GetBytes("weights only approved users may read " + Guid.NewGuid());
        await HubApi.UploadLfsAsync(owner, gated, secret);
        await HubApi.CommitOkAsync(owner, gated, "weights", HubApi.LfsFile("weights.bin", secret));
        var settings = await owner.PutAsync($"api/models/{gated}/settings", new StringContent("{\"gated\":\"manual\"}", Encoding.UTF8, "application/json"));
        Assert.True(settings.IsSuccessStatusCode, await settings.Content.ReadAsStringAsync());

        var (_, attackerToken) = await hub.CreateUserAsync();
        var attacker = hub.Client(attackerToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await attacker.GetAsync($"{gated}/resolve/main/weights.bin")).StatusCode);
        // The gated tree shows the object's oid and size to everyone who can see the repository.
        var tree = JsonNode.Parse(await attacker.GetStringAsync($"api/models/{gated}/tree/main"))!.AsArray();
        var lfs = tree.Single(e => e!["path"]!.GetValue<string>() == "weights.bin")!["lfs"]!;
        var oid = lfs["oid"]!.GetValue<string>();
        var size = lfs["size"]!.GetValue<long>();
        var own = await HubApi.CreateRepoAsync(attacker, LfsClaims.NewName("claim"));

        // The batch asks for the bytes (the object is not this repository's); the attacker calls verify without sending them.
        var upload = await LfsClaims.BatchUploadAsync(attacker, own, oid, size);
        Assert.NotNull(upload["actions"]?["upload"]);
        if (upload["actions"]?["verify"]?["href"]?.GetValue<string>() is { } verify)
            Assert.False((await attacker.PostAsync(verify, new StringContent(JsonSerializer.Serialize(new { oid, size }), Encoding.UTF8, "application/json"))).IsSuccessStatusCode);
        var commit = await HubApi.CommitAsync(attacker, own, "claim", [new { key = "lfsFile", value = new { path = "stolen.bin", algo = "sha256", oid, size } }]);
        Assert.Equal(HttpStatusCode.BadRequest, commit.StatusCode);

        var download = await LfsClaims.BatchDownloadAsync(attacker, own, oid, size);
        Assert.Null(download["actions"]);
        Assert.Equal(404, download["error"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Sending_the_bytes_again_links_a_stored_object_to_another_repository()
    {
        var (_, firstToken) = await hub.CreateUserAsync();
        var (_, secondToken) = await hub.CreateUserAsync();
        var content = Encoding.UTF8.GetBytes("the same file in two repositories " + Guid.NewGuid());
        var first = await HubApi.CreateRepoAsync(hub.Client(firstToken), LfsClaims.NewName("first"));
        await HubApi.UploadLfsAsync(hub.Client(firstToken), first, content);
        await HubApi.CommitOkAsync(hub.Client(firstToken), first, "w", HubApi.LfsFile("w.bin", content));

        var second = await HubApi.CreateRepoAsync(hub.Client(secondToken), LfsClaims.NewName("second"));
        await HubApi.UploadLfsAsync(hub.Client(secondToken), second, content);
        await HubApi.CommitOkAsync(hub.Client(secondToken), second, "w", HubApi.LfsFile("w.bin", content));
        var download = await LfsClaims.BatchDownloadAsync(hub.Client(secondToken), second, HubApi.Sha256(content), content.Length);
        Assert.NotNull(download["actions"]?["download"]);
    }

    [Theory]
    [InlineData("commit")]
    [InlineData("create")]
    public async Task A_pointer_written_as_a_regular_file_does_not_serve_another_repositorys_object(string how)
    {
        var (_, ownerToken) = await hub.CreateUserAsync();
        var owner = hub.Client(ownerToken);
        var secret = await HubApi.CreateRepoAsync(owner, LfsClaims.NewName("secret"), isPrivate: true);
        var content = Encoding.UTF8.GetBytes("private weights " + Guid.NewGuid());
        await HubApi.UploadLfsAsync(owner, secret, content);
        await HubApi.CommitOkAsync(owner, secret, "weights", HubApi.LfsFile("weights.bin", content));
        var pointer = Encoding.UTF8.GetBytes($"version https://git-lfs.github.com/spec/v1\noid sha256:{HubApi.Sha256(content)}\nsize {content.Length}\n");

        // The oid leaked (a gated tree shows it, a log, a colleague): it is written into the attacker's own repository as
        // plain file content, which the hub reads as a pointer.
        var (_, attackerToken) = await hub.CreateUserAsync();
        var attacker = hub.Client(attackerToken);
        string own;
        if (how == "commit")
        {
            own = await HubApi.CreateRepoAsync(attacker, LfsClaims.NewName("claim"));
            var commit = await HubApi.CommitAsync(attacker, own, "pointer", [HubApi.File("stolen.bin", pointer)]);
            if (commit.IsSuccessStatusCode is false) return; // refused outright: nothing to serve
        }
        else
        {
            var name = LfsClaims.NewName("claim");
            var created = await attacker.PostAsync("api/repos/create", new StringContent(JsonSerializer.Serialize(new
            {
                name, type = "model", files = new[] { new { path = "stolen.bin", content = Convert.ToBase64String(pointer), encoding = "base64" } },
            }), Encoding.UTF8, "application/json"));
            if (created.IsSuccessStatusCode is false) return;
            own = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["name"]!.GetValue<string>();
        }

        var resolve = await attacker.GetAsync($"{own}/resolve/main/stolen.bin");
        if (resolve.StatusCode == HttpStatusCode.Found)
        {
            using var plain = new HttpClient();
            var fetched = await plain.GetAsync(resolve.Headers.Location);
            Assert.NotEqual(content, await fetched.Content.ReadAsByteArrayAsync());
        }
        else
        {
            Assert.NotEqual(content, await resolve.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task A_regular_file_that_reads_as_a_pointer_to_an_object_the_repository_lacks_is_refused()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, LfsClaims.NewName("pointer"));
        var oid = HubApi.Sha256(Guid.NewGuid().ToByteArray());
        var pointer = Encoding.UTF8.GetBytes($"version https://git-lfs.github.com/spec/v1\noid sha256:{oid}\nsize 123456\n");
        var commit = await HubApi.CommitAsync(client, repo, "pointer", [HubApi.File("weights.bin", pointer)]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, commit.StatusCode);
        Assert.Contains(oid, await commit.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A pointer to an object the repository holds is fine (it is what git-lfs itself would have written).
        var content = Encoding.UTF8.GetBytes("held " + Guid.NewGuid());
        await HubApi.UploadLfsAsync(client, repo, content);
        await HubApi.CommitOkAsync(client, repo, "lfs", HubApi.LfsFile("held.bin", content));
        await HubApi.CommitOkAsync(client, repo, "same pointer as a file", HubApi.File("copy.bin",
            Encoding.UTF8.GetBytes($"version https://git-lfs.github.com/spec/v1\noid sha256:{HubApi.Sha256(content)}\nsize {content.Length}\n")));
    }
}
