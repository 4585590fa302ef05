using Hub.Api.Http;

namespace Hub.Api.Features.Repos;

/// <summary>
/// The <c>expand</c> values a repository info or list accepts: huggingface.co answers any other with 400
/// <c>"expand" must be one of ...</c>, so a typo is told rather than silently dropping the field (hf-api.md §1.5).
/// </summary>
/// <remarks>
/// Accepted: what huggingface_hub's <c>Expand{Model,Dataset,Space}Property_T</c> lists for the type (also the values this
/// hub has no data for, which are then simply absent, as <c>inference</c> is on a private model), what @huggingface/hub
/// sends, and every field <see cref="RepoJson"/> writes.
/// </remarks>
public static class RepoExpand
{
    private static readonly string[] Served = [.. RepoJson.InfoDefaults, .. RepoJson.ListDefaults, "indexErrors"];

    private static readonly Dictionary<string, SortedSet<string>> Allowed = new(StringComparer.Ordinal)
    {
        [RepoTypes.Model] = Of("baseModels", "childrenModelCount", "evalResults", "inference", "inferenceProviderMapping", "resourceGroup",
            "spaces", "transformersInfo", "usedStorage", "xetEnabled"),
        [RepoTypes.Dataset] = Of("citation", "description", "paperswithcode_id", "resourceGroup", "usedStorage", "xetEnabled"),
        [RepoTypes.Space] = Of("datasets", "models", "resourceGroup", "runtime", "subdomain", "usedStorage", "xetEnabled"),
    };

    private static SortedSet<string> Of(params string[] hfOnly) => new([.. Served, .. hfOnly], StringComparer.Ordinal);

    /// <summary>A 400 naming the accepted values when a requested one is unknown for <paramref name="type"/>; null otherwise.</summary>
    public static HfError? Validate(string type, IEnumerable<string> requested)
    {
        var allowed = Allowed[type];
        return requested.FirstOrDefault(v => !allowed.Contains(v)) is { } unknown
            ? HfErrors.BadRequest($"\"expand\" must be one of {string.Join(", ", allowed)} (got \"{unknown}\").")
            : null;
    }
}
