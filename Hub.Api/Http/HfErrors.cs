namespace Hub.Api.Http;

/// <summary>The errors of hf-api.md §1.5, worded as huggingface.co words them where clients match on text.</summary>
public static class HfErrors
{
    public const string InvalidCredentials = "Invalid credentials in Authorization header";

    public static HfError RepoNotFound(bool anonymous) =>
        new(anonymous ? 401 : 404, "Repository not found", "RepoNotFound");

    public static HfError RevisionNotFound(string revision) =>
        new(404, $"Invalid rev id: {revision}", "RevisionNotFound");

    public static HfError EntryNotFound(string path, string? commit = null) =>
        new(404, $"Entry not found: {path}", "EntryNotFound",
            commit is null ? null : new Dictionary<string, string> { ["X-Repo-Commit"] = commit });

    public static HfError GatedAnonymous(string repo) =>
        new(401, $"Access to model {repo} is restricted. You must have access to it and be authenticated to access it. Please log in.", "GatedRepo");

    public static HfError GatedNotGranted(string repo) =>
        new(403, $"Access to model {repo} is restricted and you are not in the authorized list. Ask the owner for access.", "GatedRepo");

    public static HfError Forbidden(string message) => new(403, message);

    public static HfError BadRequest(string message) => new(400, message);

    public static HfError Conflict(string message) => new(409, message);

    public static HfError Unprocessable(string message) => new(422, message);

    public static HfError Unauthorized(string message = InvalidCredentials) => new(401, message);
}
