using Hub.Api.Auth;
using Hub.Storage.Metadata.Accounts;

namespace Hub.Api.Features.Accounts;

/// <summary>
/// <c>auth.accessToken.fineGrained</c> of whoami-v2 in huggingface.co's shape: scripts and Spaces tooling index
/// <c>["fineGrained"]["scoped"][i]["entity"]["type"|"name"]</c> and look for <c>"repo.write"</c> in
/// <c>["permissions"]</c> to decide whether a fine-grained token may push.
/// </summary>
public static class FineGrainedJson
{
    private static readonly string[] Read = ["repo.content.read"];
    private static readonly string[] Write = ["repo.content.read", "repo.write"];

    public static object Create(UserRecord user, TokenScopes scopes) => new
    {
        canReadGatedRepos = true,
        global = Array.Empty<string>(),
        scoped = scopes.Items.Select(s => new
        {
            entity = Entity(user, s),
            permissions = s.Access == "write" ? Write : Read,
        }),
    };

    private static object Entity(UserRecord user, TokenScope scope)
    {
        if (scope.Type == TokenScope.Repo)
        {
            // Stored as "type:ns/name" when the token was made.
            var (type, name) = scope.Name.Split(':', 2) is [var t, var n] ? (t, n) : ("model", scope.Name);
            return new { _id = scope.Id, type, name };
        }
        var isUser = string.Equals(scope.Name, user.Name, StringComparison.OrdinalIgnoreCase);
        return new { _id = scope.Id, type = isUser ? "user" : "org", name = scope.Name };
    }
}
