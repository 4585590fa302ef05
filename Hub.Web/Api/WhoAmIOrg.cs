using System.Text.Json.Serialization;

namespace Hub.Web.Api;

/// <summary>An organization of the signed-in user and their role in it.</summary>
public sealed record WhoAmIOrg(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("roleInOrg")] string? Role);
