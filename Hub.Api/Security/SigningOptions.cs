namespace Hub.Api.Security;

/// <summary>Key for self-authorising URLs (section <c>Hub:Security</c>); every hub instance of one deployment needs the same.</summary>
public sealed class SigningOptions
{
    public const string Section = "Hub:Security";

    /// <summary>Base64 key of at least 32 bytes; when absent one is generated once and kept in <c>{DataDir}/signing.key</c>.</summary>
    public string? SigningKey { get; set; }
}
