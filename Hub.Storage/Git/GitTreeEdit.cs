namespace Hub.Storage.Git;

/// <summary>
/// The flat list of a commit's files (every blob, symlink and submodule with its full path), edited in memory by a
/// commit's operations before anything is written: a request that fails a check writes nothing at all.
/// </summary>
/// <remarks>
/// A file and a folder of the same name cannot coexist in git. Adding <c>a/b</c> while <c>a</c> is a file (or <c>a</c>
/// while <c>a/</c> is a folder) is refused with <see cref="GitPathException"/> rather than silently deleting what is
/// there; a caller that wants the replacement deletes first, in the same commit (operations apply in order).
/// </remarks>
internal sealed class GitTreeEdit
{
    public const string RegularMode = "100644";
    public const string ExecutableMode = "100755";

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _paths = new(StringComparer.Ordinal);

    /// <summary>An entry: an existing object, or the <see cref="AddIndex"/>-th added blob (written later).</summary>
    public readonly record struct Entry(string Mode, string? ObjectId, int AddIndex);

    public IEnumerable<KeyValuePair<string, Entry>> Entries => _entries;

    public void Load(string path, string mode, string objectId)
    {
        _entries[path] = new Entry(mode, objectId, -1);
        _paths.Add(path);
    }

    public void Add(string path, int addIndex)
    {
        for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash >= 0; slash = path.IndexOf('/', slash + 1))
        {
            var ancestor = path[..slash];
            if (_entries.ContainsKey(ancestor))
                throw new GitPathException($"Cannot add '{GitNames.Printable(path)}': '{GitNames.Printable(ancestor)}' is a file. Delete it first to replace it with a folder.");
        }

        if (HasChildren(path))
            throw new GitPathException($"Cannot add '{GitNames.Printable(path)}': a folder with this name exists. Delete the folder first to replace it with a file.");

        // Replacing an executable keeps its bit; anything else (new file, symlink, submodule) becomes a regular file.
        var mode = _entries.TryGetValue(path, out var existing) && existing.Mode == ExecutableMode ? ExecutableMode : RegularMode;
        _entries[path] = new Entry(mode, null, addIndex);
        _paths.Add(path);
    }

    public void DeleteFile(string path)
    {
        if (_entries.Remove(path))
        {
            _paths.Remove(path);
            return;
        }

        var hint = HasChildren(path) ? " (it is a folder)" : string.Empty;
        throw new GitEntryNotFoundException($"A file with this name doesn't exist: '{GitNames.Printable(path)}'{hint}.");
    }

    public void DeleteFolder(string path)
    {
        var prefix = path + "/";
        var children = Children(prefix).ToList();
        if (children.Count == 0)
        {
            var hint = _entries.ContainsKey(path) ? " (it is a file)" : string.Empty;
            throw new GitEntryNotFoundException($"A folder with this name doesn't exist: '{GitNames.Printable(path)}'{hint}.");
        }

        foreach (var child in children)
        {
            _entries.Remove(child);
            _paths.Remove(child);
        }
    }

    private bool HasChildren(string path) => Children(path + "/").Any();

    // Every path starting with "{dir}/": in ordinal order they sit between "{dir}/" and "{dir}0" ('0' follows '/').
    private IEnumerable<string> Children(string prefix) =>
        _paths.GetViewBetween(prefix, prefix[..^1] + "0").Where(p => p.StartsWith(prefix, StringComparison.Ordinal));
}
