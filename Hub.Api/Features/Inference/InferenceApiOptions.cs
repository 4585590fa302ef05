using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Features.Inference;

/// <summary>
/// The cache that keeps the database off the inference hot path (section <c>Hub:Inference:Api</c>). Revoked tokens and
/// repository changes (made private, deleted, moved, a new head) drop it at once in every process through the metadata
/// change feed; changes of organization membership or gated access take effect within <see cref="RepoCacheSeconds"/>.
/// </summary>
public sealed class InferenceApiOptions
{
    public const string Section = "Hub:Inference:Api";

    /// <summary>How long an inference route reuses a caller's access check and the resolved head commit of a repository; 0 turns it off.</summary>
    [Range(0, 300)]
    public double RepoCacheSeconds { get; set; } = 2;
}
