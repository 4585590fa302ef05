using Ganss.Xss;
using Markdig;

namespace Hub.Web.Rendering;

/// <summary>
/// Model cards and Markdown files to HTML that is safe to put in a page: Markdig renders (front matter skipped), then a
/// strict allow-list sanitizer keeps only inert markup: no scripts, frames, forms, SVG or styles, no event handlers, no
/// URLs but http(s), mailto and links inside the repository. Relative links point at the repository's files.
/// </summary>
public sealed class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseTaskLists()
        .UseFootnotes()
        .UseListExtras()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .Build();

    /// <summary>
    /// Ids from a card (headings, footnotes, raw HTML) get this prefix, as on GitHub, so a card cannot clobber the page's
    /// own ids (<c>main</c>, form fields); hub.js follows <c>#name</c> links to <c>#user-content-name</c>.
    /// </summary>
    public const string IdPrefix = "user-content-";

    private static readonly string[] DroppedTags = ["form", "input", "button", "select", "option", "textarea", "style", "label", "fieldset", "legend", "optgroup"];

    private static readonly string[] DroppedAttributes = ["style", "name", "class", "tabindex", "target", "action", "formaction", "form"];

    /// <param name="links">Turns a link or image path relative to the repository root into a URL; null keeps it as is.</param>
    public string Render(string markdown, RepoLinks? links = null)
    {
        var html = Markdown.ToHtml(markdown, Pipeline);
        return Sanitize(html, links);
    }

    public static string Sanitize(string html, RepoLinks? links)
    {
        var sanitizer = new HtmlSanitizer();
        foreach (var tag in DroppedTags) sanitizer.AllowedTags.Remove(tag);
        foreach (var attribute in DroppedAttributes) sanitizer.AllowedAttributes.Remove(attribute);
        // Ids stay for in-page links, prefixed below (IdPrefix).
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedAtRules.Clear();
        sanitizer.AllowDataAttributes = false;
        sanitizer.KeepChildNodes = false;
        sanitizer.FilterUrl += (_, e) =>
        {
            if (e.SanitizedUrl is not { } url || links is null) return;
            if (Uri.TryCreate(url, UriKind.Absolute, out Uri? _) || url.StartsWith('#') || url.StartsWith("//", StringComparison.Ordinal)) return;
            e.SanitizedUrl = links.Resolve(url, isImage: e.Tag.TagName.Equals("IMG", StringComparison.OrdinalIgnoreCase));
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } anchor && anchor.HasAttribute("href"))
                anchor.SetAttribute("rel", "nofollow noopener noreferrer");
            if (e.Node is AngleSharp.Dom.IElement element && element.GetAttribute("id") is { Length: > 0 } id)
                element.SetAttribute("id", IdPrefix + id);
        };
        return sanitizer.Sanitize(html);
    }
}
