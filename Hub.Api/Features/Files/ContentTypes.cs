using Microsoft.AspNetCore.StaticFiles;

namespace Hub.Api.Features.Files;

public static class ContentTypes
{
    private static readonly FileExtensionContentTypeProvider Provider = new();

    public static string For(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".md" => "text/markdown; charset=utf-8",
            ".json" => "application/json; charset=utf-8",
            ".txt" or ".gitattributes" or ".gitignore" => "text/plain; charset=utf-8",
            ".yaml" or ".yml" => "text/yaml; charset=utf-8",
            _ when Path.GetFileName(fileName) is ".gitattributes" or ".gitignore" => "text/plain; charset=utf-8",
            _ => Provider.TryGetContentType(fileName, out var type) ? Neutralise(type) : "application/octet-stream",
        };

    /// <summary>Repository files are untrusted: never let the browser run them on the hub's origin.</summary>
    private static string Neutralise(string type) =>
        type.Contains("html", StringComparison.Ordinal) || type.Contains("javascript", StringComparison.Ordinal)
        || type.Contains("svg", StringComparison.Ordinal) || type.Contains("xml", StringComparison.Ordinal)
            ? "text/plain; charset=utf-8"
            : type;
}
