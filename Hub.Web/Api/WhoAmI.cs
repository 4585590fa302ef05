using System.Text.Json.Serialization;

namespace Hub.Web.Api;

/// <summary>The signed-in user (<c>/api/whoami-v2</c>) and the organizations they belong to.</summary>
public sealed record WhoAmI(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("fullname")] string? FullName,
    [property: JsonPropertyName("isAdmin")] bool IsAdmin,
    [property: JsonPropertyName("orgs")] IReadOnlyList<WhoAmIOrg> Orgs)
{
    /// <summary>May this user administer repositories of <paramref name="ns"/> (their own, orgs they admin, or any as site admin)?</summary>
    public bool CanAdminister(string ns) =>
        IsAdmin || string.Equals(ns, Name, StringComparison.OrdinalIgnoreCase)
        || Orgs.Any(o => string.Equals(o.Name, ns, StringComparison.OrdinalIgnoreCase) && o.Role == "admin");

    /// <summary>May this user write to repositories of <paramref name="ns"/>?</summary>
    public bool CanWrite(string ns) =>
        CanAdminister(ns) || Orgs.Any(o => string.Equals(o.Name, ns, StringComparison.OrdinalIgnoreCase) && o.Role == "write");
}
