namespace Hub.Storage.Metadata.Repositories;

/// <summary>
/// Who is listing: private repositories appear only to admins, to their owner, and to members of the owning organization.
/// </summary>
/// <param name="UserId">The caller, or null when anonymous.</param>
/// <param name="NamespaceIds">The caller's own namespace and the organizations they belong to.</param>
/// <param name="IsAdmin">Site admins see everything.</param>
/// <param name="RepositoryIds">
/// Private repositories visible one by one beyond <paramref name="NamespaceIds"/> (a fine-grained token scoped to named
/// repositories); null or empty for none.
/// </param>
public sealed record RepositoryViewer(long? UserId, IReadOnlyCollection<long> NamespaceIds, bool IsAdmin, IReadOnlyCollection<string>? RepositoryIds = null)
{
    /// <summary>An anonymous caller.</summary>
    public static RepositoryViewer Anonymous { get; } = new(null, [], false);
}
