using System.ComponentModel.DataAnnotations;

namespace Hub.Storage;

/// <summary>Where Hub keeps its data (configuration section <c>Hub:Storage</c>, plus <c>Hub:DataDir</c>).</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Hub:Storage";

    /// <summary><c>filesystem</c> (embedded default) or <c>s3</c>.</summary>
    [RegularExpression("^(filesystem|s3)$", ErrorMessage = "Hub:Storage:Blobs must be 'filesystem' or 's3'.")]
    public string Blobs { get; set; } = "filesystem";

    /// <summary>Directory of the bare git repositories; default <c>{DataDir}/repos</c>.</summary>
    public string? RepoRoot { get; set; }

    /// <summary>Directory of the filesystem blob store; default <c>{DataDir}/blobs</c>.</summary>
    public string? BlobRoot { get; set; }

    /// <summary>The S3 store, used when <see cref="Blobs"/> is <c>s3</c>.</summary>
    public S3Options S3 { get; set; } = new();
}
