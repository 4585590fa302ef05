using Hub.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Hub.Api.Http;

/// <summary>
/// Absolute URLs the hub hands out (Link headers, commit URLs, LFS hrefs) use <c>Hub:PublicBaseUrl</c> when set,
/// else the scheme and host the client used: huggingface_hub refuses URLs on another host (hf-api.md §1.1).
/// </summary>
public sealed class PublicUrls(IOptions<HubOptions> options)
{
    public string Base(HttpContext context)
    {
        if (options.Value.PublicBaseUrl is { } configured) return configured.ToString().TrimEnd('/');
        var request = context.Request;
        return $"{request.Scheme}://{request.Host}{request.PathBase}";
    }

    /// <summary>The web URL of a repository: <c>{base}/{prefix}{ns}/{name}</c>.</summary>
    public string Repo(HttpContext context, string type, string fullName) => $"{Base(context)}/{RepoTypes.WebPrefix(type)}{fullName}";
}
