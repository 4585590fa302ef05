using System.Text.Json.Serialization;

namespace Hub.Web.Api;

/// <summary>A member of an organization and their role (read, write, admin).</summary>
public sealed record OrgMember(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("role")] string Role);
