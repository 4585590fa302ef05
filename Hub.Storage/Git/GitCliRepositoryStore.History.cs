using System.Globalization;

namespace Hub.Storage.Git;

/// <summary>Commit history: listings, single commits and the last commit per path.</summary>
internal sealed partial class GitCliRepositoryStore
{
    // Beyond this many bytes of pathspecs the walk runs unfiltered (still stopping early) rather than risk ARG_MAX.
    private const int MaxPathspecBytes = 64 * 1024;

    public async Task<GitCommitPage> ListCommitsAsync(string repoId, string commitId, string? path, int skip, int limit, CancellationToken cancellationToken)
    {
        var gitDir = RequireRepository(repoId);
        GitNames.RequireObjectId(commitId, nameof(commitId));
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var filter = path is null ? null : GitNames.NormalizeDirectory(path);
        string[] pathspec = filter is null or "" ? ["--"] : ["--", filter];

        // The page and the count are independent walks: run them side by side.
        var countTask = _git.RunAsync(new GitInvocation(gitDir, ["rev-list", "--count", commitId, .. pathspec]), cancellationToken);
        var commits = limit == 0
            ? []
            : GitLogFormat.Parse((await _git.RunAsync(
                new GitInvocation(gitDir, ["log", GitLogFormat.Format, "-z", $"--skip={skip.ToString(CultureInfo.InvariantCulture)}", $"--max-count={limit.ToString(CultureInfo.InvariantCulture)}", commitId, .. pathspec]),
                cancellationToken)).EnsureSuccess().Output);
        var count = (await countTask).EnsureSuccess().FirstLine;
        return new GitCommitPage(commits, int.Parse(count, CultureInfo.InvariantCulture));
    }

    public async Task<GitCommit?> GetCommitAsync(string repoId, string commitId, CancellationToken cancellationToken)
    {
        var gitDir = RequireRepository(repoId);
        GitNames.RequireObjectId(commitId, nameof(commitId));
        var result = await _git.RunAsync(GitInvocation.Of(gitDir, "log", GitLogFormat.Format, "-z", "--max-count=1", "--no-walk", commitId + "^{commit}", "--"), cancellationToken);
        if (!result.Succeeded)
            return null; // missing, or not a commit
        return GitLogFormat.Parse(result.Output) is [var commit, ..] ? commit : null;
    }

    /// <summary>
    /// One history walk for all paths (<c>git log --name-only</c> limited to them), read as it streams and stopped as soon
    /// as every path has its commit; then one more command fetches those commits' details.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, GitCommit>> GetLastCommitsAsync(string repoId, string commitId, IReadOnlyCollection<string> paths, CancellationToken cancellationToken)
    {
        var gitDir = RequireRepository(repoId);
        GitNames.RequireObjectId(commitId, nameof(commitId));
        ArgumentNullException.ThrowIfNull(paths);
        var wanted = paths.Select(GitNames.NormalizeDirectory).ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        if (wanted.Count == 0)
            return new Dictionary<string, GitCommit>();

        // "%H/": no path ends with '/', so a token ending with it is a commit, never a file name.
        var arguments = new List<string> { "log", "--format=%H/", "-z", "--name-only", "--no-renames", commitId, "--" };
        if (!wanted.Contains(string.Empty) && wanted.Sum(p => p.Length + 1) <= MaxPathspecBytes)
            arguments.AddRange(wanted);

        await using (var git = _git.Start(new GitInvocation(gitDir, arguments)))
        {
            git.CloseStdin();
            using var registration = cancellationToken.Register(git.Kill);
            string? current = null;
            var firstName = false;
            await foreach (var token in GitNulReader.ReadTokensAsync(git.Stdout, cancellationToken))
            {
                var marker = token.TrimStart('\n');
                if (marker.Length == 41 && marker[^1] == '/')
                {
                    current = marker[..40];
                    firstName = true;
                    continue;
                }

                // The first name after a commit follows the blank line that separates it from the header.
                var name = firstName && token.StartsWith('\n') ? token[1..] : token;
                firstName = false;
                if (current is null || name.Length == 0)
                    continue;
                MatchNameAndFolders(name, current, wanted, found);
                if (found.Count == wanted.Count)
                    break;
            }
        }

        if (found.Count == 0)
            return new Dictionary<string, GitCommit>();
        var ids = found.Values.Distinct(StringComparer.Ordinal).ToList();
        var details = await _git.RunAsync(new GitInvocation(gitDir, ["log", GitLogFormat.Format, "-z", "--no-walk=unsorted", .. ids, "--"]), cancellationToken);
        var commits = GitLogFormat.Parse(details.EnsureSuccess().Output).ToDictionary(c => c.Id, StringComparer.Ordinal);
        return found.Where(f => commits.ContainsKey(f.Value)).ToDictionary(f => f.Key, f => commits[f.Value], StringComparer.Ordinal);
    }

    /// <summary>A changed file touches itself and every folder above it (the root "" included).</summary>
    private static void MatchNameAndFolders(string name, string commit, HashSet<string> wanted, Dictionary<string, string> found)
    {
        var path = name;
        while (true)
        {
            if (wanted.Contains(path))
                found.TryAdd(path, commit);
            if (path.Length == 0)
                return;
            var slash = path.LastIndexOf('/');
            path = slash < 0 ? string.Empty : path[..slash];
        }
    }
}
