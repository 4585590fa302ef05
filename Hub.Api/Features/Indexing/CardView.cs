using System.Text.Json.Nodes;

namespace Hub.Api.Features.Indexing;

/// <summary>A rendered model card: sanitized HTML of the Markdown body and the parsed metadata of one commit.</summary>
/// <param name="CardError">Why the metadata YAML is invalid, or null.</param>
public sealed record CardView(string CommitId, string Html, JsonObject? CardData, string? CardError, IReadOnlyList<string> CardWarnings);
