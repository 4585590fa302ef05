using System.Globalization;
using System.Text;
using Hub.Api.Features.Files;
using Hub.Api.Features.Repos;
using Hub.Api.Features.Scanning;
using Hub.Storage.Git;
using Hub.Storage.Metadata.Lfs;

namespace Hub.Api.Features.GitHttp;

/// <summary>
/// What a push must satisfy before any ref moves (issue: git and git-lfs over HTTPS): only branches, tags and — for
/// repository admins — pull-request refs; the default branch is not deleted; no blob over 10 MB that is not an LFS
/// pointer; every LFS pointer names an object this repository holds, verified.
/// </summary>
public sealed class PushPolicy(IGitRepositoryStore git, ILfsObjectStore objects, IRepoScanner scanner)
{
    public const long MaxRegularBlob = 10L * 1024 * 1024;
    private const string Zero = "0000000000000000000000000000000000000000";
    private static ReadOnlySpan<byte> PointerSignature => "version https://git-lfs.github.com/spec/"u8;
    private const int PointerSignatureLength = 40;

    /// <summary>The reasons to refuse the push; empty when it may land.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(RepoContext repo, string updates, string? quarantine, CancellationToken ct)
    {
        var problems = new List<string>();
        var tips = new List<(string Ref, string Id)>();
        foreach (var line in updates.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.Split(' ') is not [var oldId, var newId, var refName]) { problems.Add($"Malformed ref update '{line}'."); continue; }
            if (refName.StartsWith("refs/pr/", StringComparison.Ordinal) && !repo.Permissions.CanAdmin)
                problems.Add($"{refName}: pull request refs are written by the hub; only repository admins may push them.");
            else if (!refName.StartsWith("refs/heads/", StringComparison.Ordinal) && !refName.StartsWith("refs/tags/", StringComparison.Ordinal) && !refName.StartsWith("refs/pr/", StringComparison.Ordinal))
                problems.Add($"{refName}: only branches (refs/heads/*) and tags (refs/tags/*) can be pushed.");
            else if (newId == Zero && refName == "refs/heads/" + repo.Repo.DefaultBranch)
                problems.Add($"{refName}: the default branch cannot be deleted.");
            else if (newId != Zero && (refName.StartsWith("refs/heads/", StringComparison.Ordinal) || refName.StartsWith("refs/tags/", StringComparison.Ordinal))
                     && Commits.RefNames.ReadsAsCommitId(refName[(refName.IndexOf('/', 5) + 1)..]))
                problems.Add($"{refName}: a branch or tag named like a commit id would be read as that commit by the clients.");
            if (newId != Zero) tips.Add((refName, newId));
            _ = oldId;
        }
        if (problems.Count > 0 || tips.Count == 0) return problems;

        var repoPath = git.GetPath(repo.Repo.Id);
        var env = new Dictionary<string, string>();
        // The quarantine receive-pack gives its hook: objects/tmp_objdir-incoming-XXXXXX (relative to the repository, the
        // hook's working directory, when not absolute). Only such a directory is read (the path may go through symlinks,
        // so its name is checked, not a prefix).
        var fullRepoPath = Path.GetFullPath(repoPath);
        quarantine = string.IsNullOrEmpty(quarantine) ? null : Path.GetFullPath(quarantine, fullRepoPath);
        if (quarantine is not null && Path.GetFileName(quarantine).Contains("incoming-", StringComparison.Ordinal)
            && Path.GetFileName(Path.GetDirectoryName(quarantine)) == "objects" && Directory.Exists(quarantine))
        {
            env["GIT_OBJECT_DIRECTORY"] = quarantine;
            env["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = Path.Combine(fullRepoPath, "objects");
        }
        problems.AddRange(await NonCommitTipsAsync(repoPath, env, tips, ct));
        if (problems.Count > 0) return problems;
        // Every object the push adds: "oid path" lines (path only for blobs and trees).
        var (exit, listed, error) = await GitCommand.RunAsync(repoPath, ["rev-list", "--objects", .. tips.Select(t => t.Id), "--not", "--all"], env, null, ct);
        if (exit != 0) return [$"The pushed history cannot be read: {error.Trim()}"];
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in listed.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = entry.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0) paths.TryAdd(entry[..space], entry[(space + 1)..]);
        }
        if (paths.Count == 0) return problems;
        var (checkExit, checkedObjects, checkError) = await GitCommand.RunAsync(repoPath, ["cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)"], env, string.Join('\n', paths.Keys) + "\n", ct);
        if (checkExit != 0) return [$"The pushed objects cannot be read: {checkError.Trim()}"];
        var pointerCandidates = new List<string>();
        foreach (var row in checkedObjects.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (row.Split(' ') is not [var oid, "blob", var sizeText] || !long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size)) continue;
            if (size > MaxRegularBlob)
                // The command must work as pasted. "git lfs migrate import" refuses a dirty work tree, and both "git lfs track"
                // + "git add" and installing git-lfs first (a file .gitattributes already sends to LFS then reads as modified)
                // make it dirty. migrate writes .gitattributes into the rewritten commits itself; "git lfs checkout" puts the
                // file back in place of the pointer migrate checked out.
                problems.Add($"{paths[oid]} is {size / (1024 * 1024)} MB, over the 10 MB limit for files stored in git. Store it with git-lfs by rewriting " +
                             $"your unpushed commits: `git lfs migrate import --include=\"{paths[oid]}\" && git lfs install && git lfs checkout`, then push again.");
            else if (size is >= PointerSignatureLength and <= LfsPointer.MaxPointerSize)
                pointerCandidates.Add(oid);
        }
        foreach (var (blob, pointer) in await ReadPointersAsync(repoPath, env, pointerCandidates, ct))
        {
            if (pointer is null)
            {
                problems.Add($"{paths[blob]} starts like a git-lfs pointer but is not a valid git-lfs pointer (it needs the version line, " +
                             "\"oid sha256:\" and 64 lower-case hex digits, and \"size\" in bytes); clients would download these bytes as the file. " +
                             "Re-add the real file with git-lfs installed (git lfs install), or check that nothing rewrote the pointer, then push again.");
                continue;
            }
            if (await objects.GetLinkedAsync(repo.Repo.Id, pointer.Oid, ct) is not { } stored || stored.Size != pointer.Size)
                problems.Add($"{paths[blob]} is an LFS pointer to object {pointer.Oid} ({pointer.Size} bytes), which this hub does not hold for this repository. " +
                             "Upload the objects with `git lfs push --all origin`, then push again. (git-lfs's pre-push hook sends them: " +
                             "is git-lfs installed in this clone, git lfs install, and does core.hooksPath leave its hook out?)");
        }
        problems.AddRange(await scanner.CheckPushAsync(repo.Repo, repoPath, env, paths, ct));
        return problems;
    }

    /// <summary>
    /// Refs that would not name a commit (a tag of a tree or a file, directly or through annotated tags): the hub's API,
    /// its clients and its refs listing know commits only, so such a ref would be stored but never shown. receive-pack
    /// refuses this for branches itself, but only ref by ref after the check, letting the other refs of the push land.
    /// </summary>
    private static async Task<List<string>> NonCommitTipsAsync(string repoPath, Dictionary<string, string> env, List<(string Ref, string Id)> tips, CancellationToken ct)
    {
        var (exit, output, error) = await GitCommand.RunAsync(repoPath, ["cat-file", "--batch-check=%(objecttype)"], env, string.Concat(tips.Select(t => t.Id + "^{commit}\n")), ct);
        if (exit != 0) return [$"The pushed refs cannot be read: {error.Trim()}"];
        var kinds = output.Split('\n');
        return [.. tips.Where((t, i) => i >= kinds.Length || kinds[i] != "commit")
            .Select(t => $"{t.Ref}: {(t.Ref.StartsWith("refs/tags/", StringComparison.Ordinal) ? "a tag" : "a ref")} must point at a commit (directly or through annotated tags); {t.Id} does not.")];
    }

    /// <summary>
    /// The small blobs that start like an LFS pointer, read with one <c>git cat-file --batch</c>: each with its pointer,
    /// or null when it does not parse as one (git-lfs's own <c>fsck --pointers</c> calls that a malformed pointer).
    /// </summary>
    private static async Task<List<(string Blob, LfsPointer? Pointer)>> ReadPointersAsync(string repoPath, Dictionary<string, string> env, List<string> blobs, CancellationToken ct)
    {
        var found = new List<(string, LfsPointer?)>();
        if (blobs.Count == 0) return found;
        var (exit, output, error) = await GitCommand.RunForBytesAsync(repoPath, ["cat-file", "--batch"], env, string.Join('\n', blobs) + "\n", ct);
        if (exit != 0) throw new InvalidOperationException($"git cat-file --batch failed: {error.Trim()}");
        // Each object: "<oid> <type> <size>\n" + <size> bytes + "\n".
        var at = 0;
        while (at < output.Length)
        {
            var end = Array.IndexOf(output, (byte)'\n', at);
            if (end < 0) break;
            var header = Encoding.ASCII.GetString(output, at, end - at).Split(' ');
            at = end + 1;
            if (header is not [var oid, _, var sizeText] || !int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size)) continue;
            var content = output.AsSpan(at, size);
            if (content.StartsWith(PointerSignature)) found.Add((oid, LfsPointer.TryParse(content)));
            at += size + 1;
        }
        return found;
    }
}
