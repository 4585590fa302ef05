using System.Collections.Concurrent;
using Hub.Api.Auth;
using Hub.Api.Features.Files;
using Hub.Api.Features.Repos;
using Hub.Api.Features.Scanning;
using Hub.Inference.Models;
using Hub.Storage.Git;
using Hub.Storage.Metadata;
using Hub.Storage.Metadata.Repositories;
using Microsoft.Extensions.Options;

namespace Hub.Api.Features.Inference;

/// <summary>
/// Finds the model repository an inference route names, with the same authorization as downloads (private and gated
/// repos need read access: strangers get exactly the answer for a missing repo), and resolves the revision (default:
/// the indexed head of the default branch) to the commit the worker loads. A granted lookup is reused for
/// <see cref="InferenceApiOptions.RepoCacheSeconds"/> per caller and repository: inference is called in tight loops,
/// and two database queries per call were a measurable share of its latency. Refusals are never cached, and every
/// grant is dropped when any process announces a change of repositories or tokens (<see cref="MetadataChanges"/>); while
/// that feed is down nothing is reused.
/// </summary>
public sealed class InferenceModels
{
    private const int MaxCached = 10_000;

    private readonly ConcurrentDictionary<string, (ModelRef Model, RepositoryRecord Repo, long At)> granted = new(StringComparer.Ordinal);
    private readonly RepoLookup lookup;
    private readonly RevisionResolver revisions;
    private readonly IGitRepositoryStore git;
    private readonly RepoFiles files;
    private readonly RepoScanner scanner;
    private readonly TimeProvider time;
    private readonly MetadataChanges changes;
    private readonly TimeSpan ttl;

    public InferenceModels(
        RepoLookup lookup, RevisionResolver revisions, IGitRepositoryStore git, RepoFiles files, RepoScanner scanner, TimeProvider time, MetadataChanges changes,
        IOptions<InferenceApiOptions> options)
    {
        this.lookup = lookup;
        this.revisions = revisions;
        this.git = git;
        this.files = files;
        this.scanner = scanner;
        this.time = time;
        this.changes = changes;
        ttl = TimeSpan.FromSeconds(options.Value.RepoCacheSeconds);
        changes.Subscribe(topic =>
        {
            if (topic is MetadataChanges.Repositories or MetadataChanges.Tokens or "*") granted.Clear();
        });
    }

    public async Task<(ModelRef? Model, RepositoryRecord? Repo, IResult? Error)> ResolveAsync(
        HttpContext context, string ns, string name, string? revision, CancellationToken cancellationToken)
    {
        var key = ttl > TimeSpan.Zero && changes.IsLive ? CacheKey(context.GetCaller(), ns, name, revision) : null;
        if (key is not null && granted.TryGetValue(key, out var hit) && time.GetElapsedTime(hit.At) < ttl)
            return (hit.Model, hit.Repo, null);
        var generation = changes.Generation;
        var (found, error) = await lookup.FindAsync(context, "model", ns, name, RepoNeed.ReadFiles, cancellationToken);
        if (error is not null) return (null, null, error);
        var repo = found!.Repo;
        ModelRef model;
        // The default revision is the indexed head (kept current by every commit and push): no git process per request.
        if (revision is null && repo.HeadCommit is { } head)
        {
            model = new ModelRef(repo.Id, repo.FullName, head);
        }
        else
        {
            var (resolved, revisionError) = await revisions.ResolveAsync(repo.Id, revision ?? repo.DefaultBranch, cancellationToken);
            if (revisionError is not null) return (null, null, revisionError);
            model = new ModelRef(repo.Id, repo.FullName, resolved!.CommitId);
        }
        // A graph the security scan holds in quarantine is not served for download, so it is not run either.
        if (await QuarantinedGraphAsync(model, cancellationToken) is { } quarantined) return (null, null, quarantined);
        // A lookup that overlapped a change may have read the old state: not kept.
        if (key is not null && changes.Generation == generation)
        {
            if (granted.Count >= MaxCached) granted.Clear();
            granted[key] = (model, repo, time.GetTimestamp());
        }
        return (model, repo, null);
    }

    private async Task<IResult?> QuarantinedGraphAsync(ModelRef model, CancellationToken cancellationToken)
    {
        foreach (var path in ModelLayout.OnnxCandidates)
        {
            if (await git.GetEntryAsync(model.RepoId, model.Commit, path, cancellationToken) is not { Kind: GitEntryKind.File } entry) continue;
            return await scanner.RefuseQuarantinedAsync(await files.DescribeAsync(model.RepoId, entry, cancellationToken), cancellationToken);
        }
        return null;
    }

    /// <summary>Splits a repo id given in a body (<c>ns/name</c>, optionally <c>@revision</c>).</summary>
    public static (string Ns, string Name, string? Revision)? ParseRepoId(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        string? revision = null;
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            revision = value[(at + 1)..];
            value = value[..at];
        }
        var parts = value.Split('/');
        return parts.Length == 2 && parts.All(p => p.Length > 0) ? (parts[0], parts[1], revision) : null;
    }

    /// <summary>The KServe v2 name <c>ns--name</c> as a repo id.</summary>
    public static (string Ns, string Name)? ParseV2Name(string value)
    {
        var split = value.IndexOf("--", StringComparison.Ordinal);
        return split > 0 && split + 2 < value.Length ? (value[..split], value[(split + 2)..]) : null;
    }

    /// <summary>Who asks (token, UI session or anonymous) and for what: a grant holds only for the same credential.</summary>
    private static string CacheKey(HubCaller caller, string ns, string name, string? revision)
    {
        var who = caller.Token is { } token ? $"t{token.Id}" : caller.User is { } user ? $"u{user.Id}" : "-";
        return $"{who}\n{ns}/{name}\n{revision}";
    }
}
