using Hub.Api.Http;

namespace Hub.Api.Features.Repos;

/// <summary>Query-string conventions: repeated keys, <c>expand</c> and <c>expand[]</c> (hf-api.md §1.7).</summary>
public static class RepoQueryString
{
    public static string[] Expand(HttpRequest request) =>
        [.. request.Query["expand"].Concat(request.Query["expand[]"]).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!)];

    public static bool Flag(HttpRequest request, string name) => HfJson.ParseBool(request.Query[name].FirstOrDefault()) == true;
}
