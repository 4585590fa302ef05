using Hub.Web.Api;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.Features;

namespace Hub.Web.Components;

/// <summary>
/// A page of one repository (<c>/{ns}/{name}…</c>, <c>/datasets/{ns}/{name}…</c>, <c>/spaces/…</c>): its type from the
/// URL, its info from the API, and not-found (404) for anyone the API does not let see it.
/// </summary>
public abstract class RepoPageBase : HubPage
{
    [Parameter]
    public string Ns { get; set; } = "";

    [Parameter]
    public string Name { get; set; } = "";

    protected string Type
    {
        get
        {
            var path = HttpContext?.Request.Path.Value ?? "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
            return path.StartsWith("/datasets/", StringComparison.Ordinal) ? RepoKinds.Dataset
                : path.StartsWith("/spaces/", StringComparison.Ordinal) ? RepoKinds.Space
                : RepoKinds.Model;
        }
    }

    protected string RepoId => $"{Ns}/{Name}";

    /// <summary>The repository's web path, e.g. <c>/datasets/ns/name</c>.</summary>
    protected string RepoPath => RepoKinds.WebPath(Type, RepoId);

    protected RepoInfo? Info { get; private set; }

    protected WhoAmI? User { get; private set; }

    protected bool RepoNotFound { get; private set; }

    protected bool CanAdminister => User?.CanAdminister(Ns) == true;

    protected bool CanWrite => User?.CanWrite(Ns) == true;

    /// <summary>Loads the repository (at a revision when given); false and a 404 status when it cannot be seen.</summary>
    protected async Task<bool> LoadRepoAsync(string? revision = null)
    {
        User = await Current.GetAsync(Aborted);
        try
        {
            Info = await Api.GetRepoAsync(Type, RepoId, revision, Aborted);
        }
        catch (HubApiException e) when (e.StatusCode is 400 or 404)
        {
            Info = null;
        }
        catch (RepoMovedException moved)
        {
            // Old links keep working: the same page (path below the repository and query kept) under the new name.
            // The raw target keeps the URL's own encoding (non-ASCII file names, %2F in revisions); names are plain ASCII.
            var target = HttpContext?.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
            var rest = target.StartsWith(RepoPath, StringComparison.OrdinalIgnoreCase) ? target[RepoPath.Length..] : "";
            Navigation.NavigateTo(RepoKinds.WebPath(Type, moved.NewId) + rest);
            return false;
        }
        if (Info is null)
        {
            RepoNotFound = true;
            SetStatus(404);
            return false;
        }
        return true;
    }

    /// <summary>A revision from the URL: percent-encoded slashes decoded (hf-api.md §1.3).</summary>
    protected static string DecodeRevision(string revision) => Uri.UnescapeDataString(revision);
}
