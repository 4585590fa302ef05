namespace Hub.Web.Api;

/// <summary>Repository types and how they appear in API and web URLs (hf-api.md §1.2).</summary>
public static class RepoKinds
{
    public const string Model = "model";
    public const string Dataset = "dataset";
    public const string Space = "space";

    /// <summary><c>models</c>, <c>datasets</c>, <c>spaces</c>.</summary>
    public static string ApiSegment(string type) => type + "s";

    /// <summary>The web prefix: none for models, <c>datasets/</c>, <c>spaces/</c>.</summary>
    public static string WebPrefix(string type) => type == Model ? "" : type + "s/";

    /// <summary>The web path of a repository, e.g. <c>/datasets/ns/name</c>.</summary>
    public static string WebPath(string type, string id) => "/" + WebPrefix(type) + id;

    public static string Title(string type) => type switch
    {
        Dataset => "Dataset",
        Space => "Space",
        _ => "Model",
    };

    /// <summary>Escapes each segment of a repository path for a URL, keeping the slashes.</summary>
    public static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    /// <summary>A revision in a URL: slashes encoded, as the HF clients send it (hf-api.md §1.3).</summary>
    public static string EscapeRevision(string revision) => Uri.EscapeDataString(revision);
}
