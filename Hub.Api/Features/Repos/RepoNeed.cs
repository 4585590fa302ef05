namespace Hub.Api.Features.Repos;

/// <summary>What an endpoint needs to do with a repository.</summary>
public enum RepoNeed
{
    /// <summary>Metadata only (repo info, tree listing of a gated repo's names).</summary>
    See,
    /// <summary>File contents (resolve, LFS download, clone, inference).</summary>
    ReadFiles,
    /// <summary>Commits, branches, tags, uploads.</summary>
    Write,
    /// <summary>Settings, move, delete.</summary>
    Admin,
}
