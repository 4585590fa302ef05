using Hub.Storage.Git;
using Hub.Storage.Metadata.Accounts;

namespace Hub.Api.Features.Repos;

/// <summary>The git identity of a hub user.</summary>
public static class CommitAuthors
{
    public static GitSignature For(UserRecord user, DateTimeOffset when) =>
        new(user.Name, string.IsNullOrEmpty(user.Email) ? $"{user.Name}@users.noreply.hub" : user.Email, when);
}
