namespace Hub.Web.Api;

/// <summary>The answer to a sign-up, log-in or log-out: an error message, or the session cookies to hand to the browser.</summary>
public sealed record AuthOutcome(string? Error, IReadOnlyList<string> SetCookies)
{
    public bool Succeeded => Error is null;
}
