using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Features.Inference;

/// <summary>
/// Caches that keep the database off the inference hot path (section <c>Hub:Inference:Api</c>). Each answer is a few
/// seconds old at most: a revoked token, a repository made private or a new commit on the default branch take effect
/// within that time in every process (at once in the process that made the change, for tokens).
/// </summary>
public sealed class InferenceApiOptions
{
    public const string Section = "Hub:Inference:Api";

    /// <summary>How long a token lookup is reused (every route: the caller is identified before routing); 0 turns the cache off.</summary>
    /// <remarks>Off by default: the token store caches lookups itself and drops them in every process on a revoke
    /// (MetadataChanges); a TTL cache on top would keep a revoked token working in other processes until it expires.</remarks>
    [Range(0, 300)]
    public double TokenCacheSeconds { get; set; }

    /// <summary>How long an inference route reuses a caller's access check and the resolved head commit of a repository; 0 turns it off.</summary>
    [Range(0, 300)]
    public double RepoCacheSeconds { get; set; } = 2;
}
