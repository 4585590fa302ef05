namespace Hub.Storage.Metadata.Repositories;

/// <summary>
/// Who is listing: private repositories appear only to admins, to their owner, and to members of the owning organization.
/// </summary>
/// <param name="UserId">The caller, or null when anonymous.</param>
/// <param name="NamespaceIds">The caller's own namespace and the organizations they belong to.</param>
/// <param name="IsAdmin">Site admins see everything.</param>
public sealed record RepositoryViewer(long? UserId, IReadOnlyCollection<long> NamespaceIds, bool IsAdmin)
{
    /// <summary>An anonymous caller.</summary>
    public static RepositoryViewer Anonymous { get; } = new(null, [], false);
}
