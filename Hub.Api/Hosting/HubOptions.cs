namespace Hub.Api.Hosting;

/// <summary>Host-wide settings (section <c>Hub</c>).</summary>
public sealed class HubOptions
{
    public const string Section = "Hub";

    /// <summary>Absolute base for URLs the hub hands out (behind a proxy); null: taken from each request.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Roles this process plays: <c>api</c>, <c>web</c>, <c>inference</c>, comma-separated; default all.</summary>
    public string Roles { get; set; } = "api,web,inference";

    public bool HasRole(string role) =>
        Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Contains(role, StringComparer.OrdinalIgnoreCase);
}
