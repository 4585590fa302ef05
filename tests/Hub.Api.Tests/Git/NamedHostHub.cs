using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Git;

/// <summary>
/// The embedded hub hardened as operators do with ASP.NET Core's <c>AllowedHosts</c>: it answers only requests for its
/// public name (<see cref="Host"/>, here <c>localhost</c>), not for the loopback address it listens on.
/// </summary>
public sealed class NamedHostHub() : HubServer(production: false)
{
    public const string Host = "localhost";

    /// <summary>The hub's URL under its public name.</summary>
    public string PublicUrl => Url.Replace("127.0.0.1", Host, StringComparison.Ordinal);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("AllowedHosts", Host)];
}
