namespace Hub.Api.Http;

/// <summary>Repository types and how they appear in URLs (hf-api.md §1.2).</summary>
public static class RepoTypes
{
    public const string Model = "model";
    public const string Dataset = "dataset";
    public const string Space = "space";

    public static readonly string[] All = [Model, Dataset, Space];

    /// <summary>First path segments that can never be a namespace, or routes would be ambiguous.</summary>
    public static readonly HashSet<string> ReservedNamespaces = new(StringComparer.OrdinalIgnoreCase)
    {
        "api", "models", "datasets", "spaces", "kernels", "buckets", "v1", "v2", "health", "alive", "metrics", "swagger",
        "login", "logout", "signup", "join", "settings", "organizations", "new", "docs", "search", "admin", "static",
        "_framework", "_content", "_blazor", "css", "js", "lib", "favicon.ico", "robots.txt", "embed", "embeddings",
        "hf", "user", "users", "org", "orgs", "assets", "upload", "inference", "avatars", "internal",
    };

    /// <summary><c>models</c> → <c>model</c> and so on; null for anything else.</summary>
    public static string? FromApiSegment(string segment) => segment switch
    {
        "models" => Model,
        "datasets" => Dataset,
        "spaces" => Space,
        _ => null,
    };

    /// <summary>The body's <c>type</c> (absent → model).</summary>
    public static string? FromName(string? name) => name switch
    {
        null or "" or Model => Model,
        Dataset => Dataset,
        Space => Space,
        _ => null,
    };

    public static string ApiSegment(string type) => type + "s";

    /// <summary>The web/resolve/git prefix: none for models, <c>datasets/</c>, <c>spaces/</c>.</summary>
    public static string WebPrefix(string type) => type == Model ? "" : type + "s/";
}
