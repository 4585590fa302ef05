using Hub.Api.Features.Repos;
using Hub.Api.Http;

namespace Hub.Api.Features.GitHttp;

/// <summary>
/// git smart HTTP at the web URLs of repositories (hf-api.md §2.8.1): <c>info/refs</c>, <c>git-upload-pack</c>,
/// <c>git-receive-pack</c>, with or without <c>.git</c>, streamed both ways through <c>git … --stateless-rpc</c>.
/// </summary>
public static class GitHttpEndpoints
{
    public static IEndpointRouteBuilder MapGitHttpEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var (prefix, type) in new[] { ("", RepoTypes.Model), ("/datasets", RepoTypes.Dataset), ("/spaces", RepoTypes.Space) })
        {
            app.MapGet(prefix + "/{ns}/{name}/info/refs", (HttpContext c, string ns, string name, RepoLookup l, GitHttpService s, CancellationToken ct) =>
                AdvertiseAsync(c, type, ns, name, l, s, ct)).DisableRequestTimeout();
            app.MapPost(prefix + "/{ns}/{name}/git-upload-pack", (HttpContext c, string ns, string name, RepoLookup l, GitHttpService s, CancellationToken ct) =>
                ServeAsync(c, type, ns, name, GitService.UploadPack, l, s, ct)).DisableRequestTimeout();
            app.MapPost(prefix + "/{ns}/{name}/git-receive-pack", (HttpContext c, string ns, string name, RepoLookup l, GitHttpService s, CancellationToken ct) =>
                ServeAsync(c, type, ns, name, GitService.ReceivePack, l, s, ct)).DisableRequestTimeout();
        }
        return app;
    }

    private static string StripGit(string name) => name.EndsWith(".git", StringComparison.Ordinal) ? name[..^4] : name;

    private static async Task<IResult> AdvertiseAsync(HttpContext context, string type, string ns, string name, RepoLookup lookup, GitHttpService service, CancellationToken ct)
    {
        var git = context.Request.Query["service"].FirstOrDefault() switch
        {
            "git-upload-pack" => GitService.UploadPack,
            "git-receive-pack" => GitService.ReceivePack,
            _ => (GitService?)null,
        };
        if (git is null) return TypedResults.Text("Only the smart HTTP protocol is served: use git 1.6.6 or later.", statusCode: 403);
        var (repo, error) = await lookup.FindAsync(context, type, ns, StripGit(name), Need(git.Value), ct);
        if (error is not null) return GitAuth.Refusal(error);
        await service.AdvertiseAsync(context, repo!, git.Value, ct);
        return TypedResults.Empty;
    }

    private static async Task<IResult> ServeAsync(HttpContext context, string type, string ns, string name, GitService git, RepoLookup lookup, GitHttpService service, CancellationToken ct)
    {
        var (repo, error) = await lookup.FindAsync(context, type, ns, StripGit(name), Need(git), ct);
        if (error is not null) return GitAuth.Refusal(error);
        if (git == GitService.ReceivePack && await Security.ReceivePackGuard.InspectAsync(context, context.RequestServices.GetRequiredService<Hub.Storage.Git.IGitRepositoryStore>().GetPath(repo!.Repo.Id), ct) is { } malformed) return malformed;
        await service.ServeAsync(context, repo!, git, ct);
        return TypedResults.Empty;
    }

    private static RepoNeed Need(GitService git) => git == GitService.ReceivePack ? RepoNeed.Write : RepoNeed.ReadFiles;
}
