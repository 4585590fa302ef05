using System.Text.Json.Nodes;
using Hub.Inference.Models;

namespace Hub.Api.Features.Inference;

/// <summary>
/// One inference request after the API found the model and checked the caller may read it: what to run, on which model
/// at which commit, and the client's JSON body (forwarded as it came to a remote worker).
/// </summary>
/// <param name="Operation">One of <see cref="InferenceOperations"/>.</param>
/// <param name="Task">The HF task of a <see cref="InferenceOperations.Task"/> call.</param>
/// <param name="UserAgent">The client's User-Agent (zero-shot answers huggingface_hub 0.x in its legacy shape).</param>
public sealed record InferenceCall(string Operation, ModelRef Model, string? Task, ReadOnlyMemory<byte> Body, string? UserAgent)
{
    /// <summary>The body when the API already parsed it, so an in-process call does not parse it twice.</summary>
    public JsonObject? Json { get; init; }
}
