using Hub.Api.Auth;
using Hub.Storage.Metadata.Repositories;

namespace Hub.Api.Features.Repos;

/// <summary>A repository found for a request, with what the caller may do with it.</summary>
public sealed record RepoContext(RepositoryRecord Repo, RepoPermissions Permissions, HubCaller Caller);
