using Hub.Storage.Git;

namespace Hub.Api.Features.Files;

/// <summary>A tree entry with its LFS pointer when the blob is one.</summary>
public sealed record RepoFileEntry(GitTreeEntry Entry, LfsPointer? Lfs)
{
    public bool IsFile => Entry.Kind == GitEntryKind.File;

    /// <summary>The size users care about: the large file's for LFS files.</summary>
    public long Size => Lfs?.Size ?? Entry.Size;
}
