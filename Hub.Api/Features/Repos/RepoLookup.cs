using Hub.Api.Auth;
using Hub.Api.Http;
using Microsoft.AspNetCore.Http.Features;
using System.Collections.Concurrent;
using Hub.Storage.Metadata;
using Hub.Storage.Metadata.Repositories;

namespace Hub.Api.Features.Repos;

/// <summary>
/// Finds the repository a route names and applies <see cref="RepoAuthorization"/>: a repository the caller may not see
/// answers exactly like a missing one (401 anonymous, 404 otherwise, <c>RepoNotFound</c>); a moved one answers 307 with a
/// relative Location on the new name (hf-api.md §2.2), or, when the name came in the body (move, delete), a 404 that
/// names the new one.
/// </summary>
/// <remarks>
/// Downloads (<see cref="FindForDownloadAsync"/>) find the repository in a cache that holds what they read — identity,
/// visibility, gating, head — and that every repository write in any hub process empties
/// (<see cref="MetadataChanges.Repositories"/>); the authorization itself is decided on every request.
/// </remarks>
public sealed class RepoLookup
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private const int CacheLimit = 10_000;
    private readonly IRepositoryStore repos;
    private readonly RepoAuthorization authorization;
    private readonly MetadataChanges changes;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<(string Type, string FullName), (RepositoryRecord Repo, long At)> cache = new();

    public RepoLookup(IRepositoryStore repos, RepoAuthorization authorization, MetadataChanges changes, TimeProvider time)
    {
        this.repos = repos;
        this.authorization = authorization;
        this.changes = changes;
        this.time = time;
        changes.Subscribe(topic =>
        {
            if (topic is MetadataChanges.Repositories or "*") cache.Clear();
        });
    }

    public Task<(RepoContext? Repo, IResult? Error)> FindAsync(
        HttpContext context, string type, string ns, string name, RepoNeed need, CancellationToken cancellationToken) =>
        FindAsync(context, type, ns, name, need, cached: false, cancellationToken);

    /// <summary>As <see cref="FindAsync(HttpContext, string, string, string, RepoNeed, CancellationToken)"/>, from the cache when it may be used.</summary>
    public Task<(RepoContext? Repo, IResult? Error)> FindForDownloadAsync(
        HttpContext context, string type, string ns, string name, CancellationToken cancellationToken) =>
        FindAsync(context, type, ns, name, RepoNeed.ReadFiles, cached: true, cancellationToken);

    private async Task<RepositoryRecord?> FindRepoAsync(string type, string fullName, bool cached, CancellationToken cancellationToken)
    {
        if (!cached) return await repos.FindAsync(type, fullName, cancellationToken);
        var key = (type, fullName);
        var now = time.GetTimestamp();
        if (changes.IsLive && cache.TryGetValue(key, out var hit) && time.GetElapsedTime(hit.At, now) < CacheLifetime) return hit.Repo;
        var generation = changes.Generation;
        var repo = await repos.FindAsync(type, fullName, cancellationToken);
        // Kept only if no change was announced while reading: a read that overlapped a write is never cached.
        if (repo is not null && changes.IsLive && changes.Generation == generation)
        {
            if (cache.Count >= CacheLimit) cache.Clear();
            cache[key] = (repo, now);
        }
        return repo;
    }

    private async Task<(RepoContext? Repo, IResult? Error)> FindAsync(
        HttpContext context, string type, string ns, string name, RepoNeed need, bool cached, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        var fullName = $"{ns}/{name}";
        var repo = await FindRepoAsync(type, fullName, cached, cancellationToken);
        if (repo is null)
        {
            var moved = await repos.FindMovedAsync(type, fullName, cancellationToken);
            if (moved is not null && (await authorization.GetAsync(caller, moved, cancellationToken)).CanSee)
                return (null, Redirect(context, fullName, moved.FullName));
            return (null, HfErrors.RepoNotFound(!caller.IsAuthenticated));
        }
        var permissions = await authorization.GetAsync(caller, repo, cancellationToken);
        if (!permissions.CanSee || repo.Disabled && need != RepoNeed.Admin)
            return (null, repo.Disabled && permissions.CanSee
                ? new HfError(403, "Access to this resource is disabled.")
                : HfErrors.RepoNotFound(!caller.IsAuthenticated));
        IResult? error = need switch
        {
            RepoNeed.ReadFiles when !permissions.CanReadFiles => caller.IsAuthenticated
                ? HfErrors.GatedNotGranted(repo.FullName)
                : HfErrors.GatedAnonymous(repo.FullName),
            RepoNeed.Write when !permissions.CanWrite => Denied(caller, "write to"),
            RepoNeed.Admin when !permissions.CanAdmin => Denied(caller, "administer"),
            _ => null,
        };
        return error is null ? (new RepoContext(repo, permissions, caller), null) : (null, error);
    }

    private static HfError Denied(HubCaller caller, string what) =>
        !caller.IsAuthenticated
            ? new HfError(401, $"You must be authenticated to {what} this repository.", headers: new Dictionary<string, string> { ["WWW-Authenticate"] = "Bearer realm=\"Hub\"" })
            : caller.CredentialAllowsWrite
                ? HfErrors.Forbidden($"You don't have the rights to {what} this repository.")
                : HfErrors.Forbidden($"This is a read token: it cannot {what} this repository. Use a write token.");

    private static IResult Redirect(HttpContext context, string oldName, string newName)
    {
        // The target as the client sent it, still percent-encoded: the decoded Request.Path holds raw non-ASCII characters
        // (a file named 'é.json'), which are not valid in a Location header (Kestrel refused the response: a 500).
        var sent = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw && raw[0] == '/'
            ? raw
            : (context.Request.PathBase + context.Request.Path).ToUriComponent() + context.Request.QueryString;
        var queryAt = sent.IndexOf('?', StringComparison.Ordinal);
        var path = queryAt < 0 ? sent : sent[..queryAt];
        var index = IndexOfName(path, oldName);
        // The name came in the body (move, delete): a redirect would send the same request to the same URL forever.
        if (index < 0) return new HfError(404, $"Repository not found: {oldName} was moved to {newName}; use its current name.", "RepoNotFound");
        var location = string.Concat(sent.AsSpan(0, index + 1), newName, sent.AsSpan(index + 1 + oldName.Length));
        return TypedResults.Redirect(location, permanent: false, preserveMethod: true);
    }

    /// <summary>Where <c>/{name}</c> stands in <paramref name="path"/> as whole segments (<c>.git</c> may follow).</summary>
    private static int IndexOfName(string path, string name)
    {
        for (var at = path.IndexOf("/" + name, StringComparison.OrdinalIgnoreCase); at >= 0; at = path.IndexOf("/" + name, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + 1 + name.Length;
            if (end == path.Length || path[end] is '/' or '.') return at;
        }
        return -1;
    }
}
