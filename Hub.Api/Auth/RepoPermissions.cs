namespace Hub.Api.Auth;

/// <summary>What a caller may do with one repository.</summary>
/// <param name="CanSee">The repository exists for the caller (public, or private and they belong to it).</param>
/// <param name="CanReadFiles">Beyond metadata: file contents, clone, inference (gating applies here).</param>
/// <param name="CanWrite">Commits, branches, tags, pushes.</param>
/// <param name="CanAdmin">Settings, rename, delete.</param>
public sealed record RepoPermissions(bool CanSee, bool CanReadFiles, bool CanWrite, bool CanAdmin)
{
    public static RepoPermissions None { get; } = new(false, false, false, false);
}
