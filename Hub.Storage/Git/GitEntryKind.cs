namespace Hub.Storage.Git;

/// <summary>Kind of a tree entry.</summary>
public enum GitEntryKind
{
    /// <summary>A blob.</summary>
    File,
    /// <summary>A tree.</summary>
    Directory,
}
