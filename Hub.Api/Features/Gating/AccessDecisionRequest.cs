using System.Text.Json.Serialization;

namespace Hub.Api.Features.Gating;

/// <summary>Body of <c>user-access-request/handle</c> and <c>/grant</c> (huggingface_hub sends <c>user</c>, <c>status</c>, <c>rejectionReason</c>).</summary>
public sealed record AccessDecisionRequest(
    [property: JsonPropertyName("user")] string? User,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("rejectionReason")] string? RejectionReason);
