using System.Globalization;
using Hub.Api.Features.GitHttp;
using Hub.Storage.Git;

namespace Hub.Api.Features.Discussions;

/// <summary>
/// The git work of pull requests that the repository store does not offer: ancestry, a merge computed without a work
/// tree (<c>git merge-tree --write-tree</c>, git ≥ 2.38), the merge commit itself, and the diff shown with a pull request.
/// </summary>
public sealed class PullRequestGit(IGitRepositoryStore git)
{
    /// <summary>Diffs larger than this are cut (the details answer stays small).</summary>
    public const int MaxDiffBytes = 1 << 20;

    // No user or system configuration may change what git computes here.
    private static readonly Dictionary<string, string> Clean = new()
    {
        ["GIT_CONFIG_GLOBAL"] = "/dev/null",
        ["GIT_NO_REPLACE_OBJECTS"] = "1",
    };

    /// <summary>True when <paramref name="ancestor"/> is <paramref name="descendant"/> or one of its ancestors.</summary>
    public async Task<bool> IsAncestorAsync(string repoId, string ancestor, string descendant, CancellationToken ct)
    {
        var (exit, _, error) = await GitCommand.RunAsync(git.GetPath(repoId), ["merge-base", "--is-ancestor", ancestor, descendant], Clean, null, ct);
        return exit switch
        {
            0 => true,
            1 => false,
            _ => throw new InvalidOperationException($"git merge-base failed: {error.Trim()}"),
        };
    }

    /// <summary>Merges <paramref name="theirs"/> into <paramref name="ours"/> in the object store: the tree, or the conflicting paths.</summary>
    public async Task<(string? Tree, IReadOnlyList<string> Conflicts)> MergeTreeAsync(string repoId, string ours, string theirs, CancellationToken ct)
    {
        var (exit, output, error) = await GitCommand.RunAsync(
            git.GetPath(repoId), ["merge-tree", "--write-tree", "--name-only", "--no-messages", ours, theirs], Clean, null, ct);
        var lines = output.Split('\n');
        return exit switch
        {
            0 => (lines[0].Trim(), []),
            1 => (null, lines.Skip(1).TakeWhile(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList()),
            _ => throw new InvalidOperationException($"git merge-tree failed: {error.Trim()}"),
        };
    }

    /// <summary>Writes a commit of <paramref name="tree"/> with <paramref name="parents"/>; moves no ref.</summary>
    public async Task<string> CommitTreeAsync(string repoId, string tree, IReadOnlyList<string> parents, string message, GitSignature author, CancellationToken ct)
    {
        var date = $"@{author.When.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)} +0000";
        var env = new Dictionary<string, string>(Clean)
        {
            ["GIT_AUTHOR_NAME"] = author.Name, ["GIT_AUTHOR_EMAIL"] = author.Email, ["GIT_AUTHOR_DATE"] = date,
            ["GIT_COMMITTER_NAME"] = author.Name, ["GIT_COMMITTER_EMAIL"] = author.Email, ["GIT_COMMITTER_DATE"] = date,
        };
        var args = new List<string> { "commit-tree", tree };
        foreach (var p in parents) args.AddRange(["-p", p]);
        args.AddRange(["-F", "-"]);
        var (exit, output, error) = await GitCommand.RunAsync(git.GetPath(repoId), args, env, message, ct);
        return exit == 0 ? output.Trim() : throw new InvalidOperationException($"git commit-tree failed: {error.Trim()}");
    }

    /// <summary>The unified diff of what <paramref name="head"/> changes since it left <paramref name="target"/> (<c>target...head</c>).</summary>
    public async Task<string> DiffAsync(string repoId, string target, string head, CancellationToken ct)
    {
        var (exit, output, error) = await GitCommand.RunAsync(
            git.GetPath(repoId), ["diff", "--no-color", "--no-ext-diff", "--no-renames", $"{target}...{head}"], Clean, null, ct);
        if (exit != 0) throw new InvalidOperationException($"git diff failed: {error.Trim()}");
        return output.Length > MaxDiffBytes ? output[..MaxDiffBytes] + "\n[diff truncated]\n" : output;
    }
}
