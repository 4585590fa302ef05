namespace Hub.Web.Api;

/// <summary>
/// The repository was renamed or transferred: the API answered a redirect to its new id (it only does so for callers who
/// may see the repository). Pages send the browser on to the same page under the new name, as huggingface.co does.
/// </summary>
public sealed class RepoMovedException(string newId) : Exception($"The repository is now {newId}.")
{
    public string NewId { get; } = newId;
}
