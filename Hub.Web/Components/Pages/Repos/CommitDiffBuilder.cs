using Hub.Web.Api;
using Hub.Web.Rendering;

namespace Hub.Web.Components.Pages.Repos;

/// <summary>
/// The changes of a commit against its parent, computed from the two trees (the API has no diff endpoint): paths whose
/// object changed; line diffs for small text files, old and new size and sha256 for LFS files.
/// </summary>
public sealed class CommitDiffBuilder(HubApiClient api)
{
    public const int MaxEntries = 10_000;
    public const int MaxDiffedFiles = 30;
    public const int MaxDiffBytes = 512 * 1024;

    public async Task<(IReadOnlyList<CommitChange> Changes, bool Truncated)> BuildAsync(string type, string id, string commit, string? parent, CancellationToken ct)
    {
        var after = await ListAllAsync(type, id, commit, ct);
        var before = parent is null ? new Dictionary<string, TreeEntry>() : await ListAllAsync(type, id, parent, ct);
        var changes = new List<CommitChange>();
        foreach (var (path, entry) in after)
        {
            if (!before.TryGetValue(path, out var old)) changes.Add(new CommitChange(path, "added", null, entry));
            else if (old.Oid != entry.Oid) changes.Add(new CommitChange(path, "modified", old, entry));
        }
        changes.AddRange(before.Where(kv => !after.ContainsKey(kv.Key)).Select(kv => new CommitChange(kv.Key, "removed", kv.Value, null)));
        changes.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        var result = new List<CommitChange>(changes.Count);
        var diffed = 0;
        foreach (var change in changes)
        {
            if (change.IsLfs) result.Add(change);
            else if (diffed >= MaxDiffedFiles) result.Add(change with { Note = "Diff not shown: too many files in this commit." });
            else if ((change.Before?.Size ?? 0) > MaxDiffBytes || (change.After?.Size ?? 0) > MaxDiffBytes) result.Add(change with { Note = "Diff not shown: the file is large." });
            else
            {
                diffed++;
                result.Add(await WithLinesAsync(type, id, commit, parent, change, ct));
            }
        }
        return (result, after.Count >= MaxEntries || before.Count >= MaxEntries);
    }

    private async Task<CommitChange> WithLinesAsync(string type, string id, string commit, string? parent, CommitChange change, CancellationToken ct)
    {
        var old = change.Before is null || parent is null ? null : await api.GetRawAsync(type, id, parent, change.Path, MaxDiffBytes, ct);
        var now = change.After is null ? null : await api.GetRawAsync(type, id, commit, change.Path, MaxDiffBytes, ct);
        if (IsBinary(old) || IsBinary(now)) return change with { Note = "Binary file." };
        var hunks = TextDiff.Compute(Text(old), Text(now));
        return change with { Hunks = hunks };
    }

    private static bool IsBinary(FileContent? content) => content is not null && content.Bytes.AsSpan(0, Math.Min(8000, content.Bytes.Length)).Contains((byte)0);

    private static string? Text(FileContent? content) => content is null ? null : System.Text.Encoding.UTF8.GetString(content.Bytes);

    private async Task<Dictionary<string, TreeEntry>> ListAllAsync(string type, string id, string revision, CancellationToken ct)
    {
        var entries = new Dictionary<string, TreeEntry>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var page = await api.GetTreeAsync(type, id, revision, "", recursive: true, expand: false, cursor, ct);
            foreach (var entry in page.Entries.Where(e => !e.IsDirectory)) entries[entry.Path] = entry;
            cursor = page.NextCursor;
        }
        while (cursor is not null && entries.Count < MaxEntries);
        return entries;
    }
}
