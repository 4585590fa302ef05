using System.Diagnostics;
using System.IO.Compression;
using Hub.Api.Features.Discussions;
using Hub.Api.Features.Indexing;
using Hub.Api.Features.Repos;
using Hub.Storage.Git;
using Hub.Storage.Metadata.Audit;
using Microsoft.AspNetCore.Http.Features;
using Hub.Api.Features.Webhooks;

namespace Hub.Api.Features.GitHttp;

/// <summary>
/// Pipes smart HTTP to <c>git upload-pack|receive-pack --stateless-rpc</c>: request body to stdin (gunzipped when
/// needed), stdout to the response, nothing buffered. Protocol v2 passes through <c>Git-Protocol</c>.
/// </summary>
/// <remarks>
/// A push's pack is bounded by <c>Hub:Git:MaxPushBytes</c> (default <see cref="DefaultMaxPushBytes"/>), counted by git on
/// the inflated stream: every repository shares one volume, and the pack is on disk before any policy sees its objects.
/// Large files belong in LFS (blobs over 10 MB are refused anyway).
/// </remarks>
public sealed class GitHttpService(
    IGitRepositoryStore git, RepoIndexer indexer, PushHooks hooks, IAuditLog audit, WebhookNotifier webhooks, PullRequestLog pullRequests, TimeProvider time,
    ILogger<GitHttpService> logger, IConfiguration configuration)
{
    public const long DefaultMaxPushBytes = 2L * 1024 * 1024 * 1024;

    private readonly long maxPushBytes = configuration.GetValue<long?>("Hub:Git:MaxPushBytes") is { } configured and > 0 ? configured : DefaultMaxPushBytes;

    public async Task AdvertiseAsync(HttpContext context, RepoContext repo, GitService service, CancellationToken ct)
    {
        var name = Name(service);
        var response = context.Response;
        response.ContentType = $"application/x-git-{name}-advertisement";
        response.Headers.CacheControl = "no-cache";
        var protocol = ProtocolOf(context);
        // In protocol v2 git http-backend sends no preamble either; v0 clients need it.
        if (!protocol.Contains("version=2", StringComparison.Ordinal))
        {
            var line = $"# service=git-{name}\n";
            await response.WriteAsync($"{line.Length + 4:x4}{line}0000", ct);
        }
        await RunAsync(repo, service, advertise: true, protocol, Stream.Null, response.Body, null, ct);
    }

    public async Task ServeAsync(HttpContext context, RepoContext repo, GitService service, CancellationToken ct)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
        var request = context.Request;
        var body = request.Headers.ContentEncoding.ToString() switch
        {
            "gzip" or "x-gzip" => new GZipStream(request.Body, CompressionMode.Decompress),
            _ => request.Body,
        };
        context.Response.ContentType = $"application/x-git-{Name(service)}-result";
        context.Response.Headers.CacheControl = "no-cache";
        if (service != GitService.ReceivePack)
        {
            await RunAsync(repo, service, advertise: false, ProtocolOf(context), body, context.Response.Body, null, ct);
            return;
        }
        var (push, hookEnvironment) = hooks.Begin(repo, context.Request.Host);
        using (push)
        {
            var ok = await RunAsync(repo, service, advertise: false, ProtocolOf(context), body, context.Response.Body, hookEnvironment, ct);
            if (ok) await indexer.IndexAsync(repo.Repo.Id, CancellationToken.None);
            await AuditAsync(context, push);
            await RecordPullRequestCommitsAsync(push);
            if (Lines(push.Landed).Length > 0)
                await webhooks.RepoChangedAsync(context, repo.Repo, "update", "repo.content", CancellationToken.None);
        }
    }

    /// <summary>
    /// Pushes that reached the pre-receive check go to the audit log: landed (<c>repo.push</c>, with the ref updates git
    /// applied, as its post-receive hook reported them) or refused (<c>repo.push_refused</c>, with the reasons). A ref the
    /// check let through can still fail to update (another writer held or moved it); a push none of whose refs moved is
    /// refused. A push git itself rejected before the check has no ref updates to record.
    /// </summary>
    private async Task AuditAsync(HttpContext context, PushSession push)
    {
        if (push.Updates is null) return;
        var landed = Lines(push.Landed);
        var refused = push.Problems.Count > 0 || landed.Length == 0;
        var details = !refused ? string.Join("; ", landed)
            : string.Join("; ", Lines(push.Updates)) + " | " + (push.Problems.Count > 0 ? string.Join(" ", push.Problems) : "git updated no ref: another writer held or moved it.");
        await audit.WriteAsync(new AuditEntry(time.GetUtcNow(), push.Repo.Caller.User?.Id, refused ? "repo.push_refused" : "repo.push",
            $"{push.Repo.Repo.Type}:{push.Repo.Repo.FullName}", details.Length > 2000 ? details[..2000] : details,
            context.Connection.RemoteIpAddress?.ToString()), CancellationToken.None);
    }

    /// <summary>A push that moved <c>refs/pr/N</c> joins pull request N's timeline, as an API commit to it does.</summary>
    private async Task RecordPullRequestCommitsAsync(PushSession push)
    {
        if (push.Repo.Caller.User is not { } user) return;
        foreach (var line in Lines(push.Landed))
        {
            var parts = line.Split(' ');
            if (parts.Length != 3 || !parts[2].StartsWith("refs/pr/", StringComparison.Ordinal) || parts[1].All(c => c == '0')
                || !int.TryParse(parts[2]["refs/pr/".Length..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
                continue;
            var commit = await git.GetCommitAsync(push.Repo.Repo.Id, parts[1], CancellationToken.None);
            await pullRequests.CommittedAsync(push.Repo.Repo, number, commit?.Title ?? "Pushed " + parts[1][..7], parts[1], user, CancellationToken.None);
        }
    }

    private static string[] Lines(string? text) => (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Name(GitService service) => service == GitService.UploadPack ? "upload-pack" : "receive-pack";

    private static string ProtocolOf(HttpContext context) => context.Request.Headers["Git-Protocol"].ToString();

    private async Task<bool> RunAsync(
        RepoContext repo, GitService service, bool advertise, string protocol, Stream input, Stream output,
        IReadOnlyDictionary<string, string>? hookEnvironment, CancellationToken ct)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Partial clone needs filters allowed, and, in protocol v0/v1, wants of blobs that are reachable but not
        // advertised (lazy fetches); in v0/v1 "reachable" keeps objects of deleted branches out of reach. Protocol v2
        // upload-pack checks no want: until the repository is pruned, an object of a deleted branch or a force-pushed-away
        // commit can be fetched by its id (as resolve serves any commit id the store holds). Pushed objects are checked
        // for corruption before refs move.
        string[] config = ["uploadpack.allowFilter=true", "uploadpack.allowReachableSHA1InWant=true", "receive.fsckObjects=true", "core.hooksPath=" + hooks.HooksPath,
            "receive.maxInputSize=" + maxPushBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        foreach (var arg in config.SelectMany(c => new[] { "-c", c }).Append(Name(service)).Append("--stateless-rpc"))
            start.ArgumentList.Add(arg);
        if (advertise) start.ArgumentList.Add("--advertise-refs");
        start.ArgumentList.Add(git.GetPath(repo.Repo.Id));
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        if (protocol.Length > 0 && protocol.Length < 256) start.Environment["GIT_PROTOCOL"] = protocol;
        foreach (var (k, v) in hookEnvironment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("git could not be started.");
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            var feed = FeedAsync(input, process.StandardInput.BaseStream, ct);
            await process.StandardOutput.BaseStream.CopyToAsync(output, 1 << 16, ct);
            await feed;
            await process.WaitForExitAsync(ct);
        }
        catch (Exception) when (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
            logger.LogInformation("git {Service} for {Repo} exited with {Code}: {Error}", Name(service), repo.Repo.FullName, process.ExitCode, (await stderr).Trim());
        return process.ExitCode == 0;
    }

    private static async Task FeedAsync(Stream input, Stream stdin, CancellationToken ct)
    {
        try
        {
            await input.CopyToAsync(stdin, 1 << 16, ct);
        }
        catch (IOException)
        {
            // git stopped reading (it answered early, e.g. a refused push): its output says why.
        }
        finally
        {
            await stdin.DisposeAsync();
        }
    }
}
