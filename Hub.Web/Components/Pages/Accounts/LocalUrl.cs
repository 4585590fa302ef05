namespace Hub.Web.Components.Pages.Accounts;

/// <summary>Return URLs after signing in: only paths of this site (no open redirects).</summary>
public static class LocalUrl
{
    public static string OrHome(string? url) =>
        url is { Length: > 0 } u && u[0] == '/' && (u.Length == 1 || (u[1] != '/' && u[1] != '\\')) ? u : "/";
}
