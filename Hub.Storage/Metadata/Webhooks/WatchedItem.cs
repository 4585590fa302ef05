using System.Text.Json.Serialization;

namespace Hub.Storage.Metadata.Webhooks;

/// <summary>What a webhook watches: a repository (<c>model</c>, <c>dataset</c>, <c>space</c> + <c>ns/name</c>) or every repository of a namespace (<c>user</c>, <c>org</c> + name).</summary>
public sealed record WatchedItem([property: JsonPropertyName("type")] string Type, [property: JsonPropertyName("name")] string Name);
