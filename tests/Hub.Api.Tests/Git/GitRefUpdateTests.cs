using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Git;

/// <summary>Ref updates a CI job makes with git (force-push, new and deleted branches, tags) and the HTTP API agreeing with them.</summary>
[Collection(GitHubCollection.Name)]
public sealed class GitRefUpdateTests(ProductionHub hub)
{
    [Fact]
    public async Task Force_push_to_main_by_a_writer_lands_and_the_api_shows_the_new_head()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneAsync(repo.Url());
        var start = await ci.HeadAsync(work);
        await CommitFileAsync(ci, work, "first.txt", "first\n");
        await ci.OkAsync(work, "push", "origin", "main");
        var replaced = await ci.HeadAsync(work);
        await ci.OkAsync(work, "reset", "--hard", start);
        await CommitFileAsync(ci, work, "second.txt", "second\n");
        var rewritten = await ci.HeadAsync(work);

        Assert.NotEqual(0, (await ci.RunAsync(work, "push", "origin", "main")).ExitCode); // not a fast-forward
        await ci.OkAsync(work, "push", "--force", "origin", "main");

        Assert.Equal(rewritten, await repo.HeadAsync());
        Assert.Equal(rewritten, (await repo.InfoAsync(token))["sha"]!.GetValue<string>());
        var commits = (await hub.Client(token).GetFromJsonAsync<JsonArray>($"{repo.ApiPath}/commits/main"))!;
        Assert.Equal(rewritten, commits[0]!["id"]!.GetValue<string>());
        Assert.DoesNotContain(commits, c => c!["id"]!.GetValue<string>() == replaced);
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Client(token).GetAsync(repo.ResolvePath("first.txt"))).StatusCode);
        Assert.Equal("second\n", await hub.Client(token).GetStringAsync(repo.ResolvePath("second.txt")));
        await repo.AssertFsckCleanAsync();
    }

    [Fact]
    public async Task Branches_and_tags_pushed_and_deleted_by_git_are_what_the_api_lists()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneAsync(repo.Url());
        await ci.OkAsync(work, "checkout", "-b", "dev");
        await CommitFileAsync(ci, work, "dev.txt", "on dev\n");
        var dev = await ci.HeadAsync(work);
        await ci.OkAsync(work, "tag", "v1");
        await ci.OkAsync(work, "tag", "-a", "v2", "-m", "Release 2");

        await ci.OkAsync(work, "push", "origin", "dev", "v1", "v2");

        var refs = await RefsAsync(token, repo);
        Assert.Equal(dev, Target(refs, "branches", "dev"));
        Assert.Equal(dev, Target(refs, "tags", "v1"));
        Assert.Equal(dev, Target(refs, "tags", "v2")); // the annotated tag's commit, as HF lists it
        Assert.Equal("on dev\n", await hub.Client(token).GetStringAsync(repo.ResolvePath("dev.txt", "v2")));

        await ci.OkAsync(work, "push", "origin", ":dev", ":refs/tags/v1");

        refs = await RefsAsync(token, repo);
        Assert.Null(Target(refs, "branches", "dev"));
        Assert.Null(Target(refs, "tags", "v1"));
        Assert.Equal(dev, Target(refs, "tags", "v2"));
        Assert.NotNull(Target(refs, "branches", "main"));
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Client(token).GetAsync(repo.ResolvePath("dev.txt", "dev"))).StatusCode);
        await repo.AssertFsckCleanAsync();
    }

    [Fact]
    public async Task Push_of_several_refs_with_one_bad_moves_none_and_names_the_bad_one()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneAsync(repo.Url());
        await ci.OkAsync(work, "push", "origin", "HEAD:refs/heads/old");
        await CommitFileAsync(ci, work, "notes.txt", "a change\n");
        var before = await repo.RefsAsync();

        var push = await ci.RunAsync(work, "push", "origin", "main", "HEAD:refs/heads/feature", "HEAD:refs/tags/v1", ":old", "HEAD:refs/meta/config");

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("refs/meta/config", push.Output, StringComparison.Ordinal);
        Assert.Contains("only branches", push.Output, StringComparison.Ordinal);
        Assert.Equal(before, await repo.RefsAsync());
        await repo.AssertFsckCleanAsync();
    }

    [Fact]
    public async Task A_tag_of_a_tree_or_blob_is_refused_since_the_api_could_not_show_it()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneAsync(repo.Url());
        await CommitFileAsync(ci, work, "notes.txt", "tagged\n");
        await ci.OkAsync(work, "tag", "-a", "blob-release", "-m", "A tag of a file", "HEAD:notes.txt");
        var before = await ListRefNamesAsync(ci, work);

        var tree = await ci.RunAsync(work, "push", "origin", "HEAD^{tree}:refs/tags/tree-tag", "main");
        var blob = await ci.RunAsync(work, "push", "origin", "blob-release");

        Assert.NotEqual(0, tree.ExitCode);
        Assert.Contains("refs/tags/tree-tag: a tag must point at a commit", tree.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, blob.ExitCode);
        Assert.Contains("refs/tags/blob-release: a tag must point at a commit", blob.Output, StringComparison.Ordinal);
        Assert.Equal(before, await ListRefNamesAsync(ci, work));
    }

    /// <summary>Every ref of the hub's repository as git sees it (non-commit targets included), from ls-remote.</summary>
    private static async Task<string> ListRefNamesAsync(GitCli git, string work) => await git.OkAsync(work, "ls-remote", "origin");

    [Fact]
    public async Task Deleting_the_default_branch_by_push_is_refused_even_for_the_owner()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneAsync(repo.Url());
        await ci.OkAsync(work, "push", "origin", "HEAD:refs/heads/other");
        var before = await repo.RefsAsync();

        var push = await ci.RunAsync(work, "push", "origin", ":main");

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("refs/heads/main: the default branch cannot be deleted", push.Output, StringComparison.Ordinal);
        Assert.Equal(before, await repo.RefsAsync());
        Assert.Equal(HttpStatusCode.OK, (await hub.Client(token).GetAsync(repo.ApiPath)).StatusCode);
    }

    internal static async Task CommitFileAsync(GitCli git, string work, string path, string content)
    {
        await File.WriteAllTextAsync(Path.Combine(work, path), content);
        await git.OkAsync(work, "add", path);
        await git.OkAsync(work, "commit", "-m", "Change " + path);
    }

    private async Task<JsonObject> RefsAsync(string token, HubRepo repo) =>
        (await hub.Client(token).GetFromJsonAsync<JsonObject>($"{repo.ApiPath}/refs"))!;

    private static string? Target(JsonObject refs, string kind, string name) =>
        refs[kind]!.AsArray().SingleOrDefault(r => r!["name"]!.GetValue<string>() == name)?["targetCommit"]!.GetValue<string>();
}
