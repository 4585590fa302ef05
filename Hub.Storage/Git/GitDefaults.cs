using System.Text;

namespace Hub.Storage.Git;

/// <summary>
/// What a new repository starts with on huggingface.co: the branch <c>main</c> and a <c>.gitattributes</c> that sends the
/// usual ML binary formats to git-lfs (hf-api.md §2.2). Pass <see cref="GitAttributesFile"/> to
/// <see cref="IGitRepositoryStore.CreateAsync"/>.
/// </summary>
public static class GitDefaults
{
    /// <summary>The default branch.</summary>
    public const string DefaultBranch = "main";

    /// <summary>The default branch's full ref name.</summary>
    public const string DefaultBranchRef = "refs/heads/main";

    /// <summary>The attributes file's path at the repository root.</summary>
    public const string GitAttributesPath = ".gitattributes";

    /// <summary>The attributes that route a path through git-lfs: <c>{pattern} {LfsAttributes}</c>.</summary>
    public const string LfsAttributes = "filter=lfs diff=lfs merge=lfs -text";

    private static readonly string[] ModelPatterns =
    [
        "*.7z", "*.arrow", "*.bin", "*.bz2", "*.ckpt", "*.ftz", "*.gz", "*.h5", "*.joblib", "*.lfs.*", "*.lz4",
        "*.mlmodel", "*.model", "*.msgpack", "*.npy", "*.npz", "*.onnx", "*.ot", "*.parquet", "*.pb", "*.pickle",
        "*.pkl", "*.pt", "*.pth", "*.rar", "*.safetensors", "saved_model/**/*", "*.tar.*", "*.tar", "*.tflite",
        "*.tgz", "*.wasm", "*.xz", "*.zip", "*.zst", "*tfevents*",
    ];

    // Dataset repositories on huggingface.co add common audio, image and video formats, in these groups.
    private static readonly (string Heading, string[] Patterns)[] DatasetMediaPatterns =
    [
        ("Audio files - uncompressed", ["*.pcm", "*.sam", "*.raw"]),
        ("Audio files - compressed", ["*.aac", "*.flac", "*.mp3", "*.ogg", "*.wav"]),
        ("Image files - uncompressed", ["*.bmp", "*.gif", "*.png", "*.tiff"]),
        ("Image files - compressed", ["*.jpg", "*.jpeg", "*.webp"]),
        ("Video files - compressed", ["*.mp4", "*.webm"]),
    ];

    /// <summary>The default <c>.gitattributes</c> of a model (and space) repository.</summary>
    public static string ModelGitAttributes { get; } = Build(includeMedia: false);

    /// <summary>The default <c>.gitattributes</c> of a dataset repository.</summary>
    public static string DatasetGitAttributes { get; } = Build(includeMedia: true);

    /// <summary>The default <c>.gitattributes</c> text for a repository type (<c>model</c>, <c>dataset</c> or <c>space</c>).</summary>
    public static string GitAttributesFor(string repoType) =>
        string.Equals(repoType, "dataset", StringComparison.OrdinalIgnoreCase) ? DatasetGitAttributes : ModelGitAttributes;

    /// <summary>The initial-commit operation that writes the default <c>.gitattributes</c> for a repository type.</summary>
    public static GitAddFile GitAttributesFile(string repoType) =>
        new(GitAttributesPath, Encoding.UTF8.GetBytes(GitAttributesFor(repoType)));

    private static string Build(bool includeMedia)
    {
        var text = new StringBuilder();
        foreach (var pattern in ModelPatterns)
            text.Append(pattern).Append(' ').Append(LfsAttributes).Append('\n');
        if (!includeMedia)
            return text.ToString();
        foreach (var (heading, patterns) in DatasetMediaPatterns)
        {
            text.Append("# ").Append(heading).Append('\n');
            foreach (var pattern in patterns)
                text.Append(pattern).Append(' ').Append(LfsAttributes).Append('\n');
        }

        return text.ToString();
    }
}
