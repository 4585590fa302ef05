using System.Text.Json.Serialization;

namespace Hub.Api.Auth;

/// <summary>
/// A scope asked for when creating a fine-grained token: either <c>repo</c> (<c>ns/name</c>, with <c>repoType</c>
/// model, dataset or space; default model) or <c>namespace</c> (a user or organization), and <c>access</c> read or write.
/// </summary>
public sealed record TokenScopeRequest(
    [property: JsonPropertyName("repo")] string? Repo,
    [property: JsonPropertyName("repoType")] string? RepoType,
    [property: JsonPropertyName("namespace")] string? Namespace,
    [property: JsonPropertyName("access")] string? Access);
