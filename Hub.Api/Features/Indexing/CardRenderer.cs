using Ganss.Xss;
using Markdig;

namespace Hub.Api.Features.Indexing;

/// <summary>
/// Renders a model card's Markdown body to HTML that is safe to put in a page: Markdig (CommonMark + GitHub-style
/// tables, task lists, autolinks; raw HTML allowed as on huggingface.co), then HtmlSanitizer with a strict allow-list.
/// </summary>
/// <remarks>
/// What survives: text formatting, headings, lists, tables, code, quotes, links and images with http(s)/mailto or
/// relative URLs (resolved against the revision's files), <c>details</c>/<c>summary</c>, and a few layout attributes.
/// What never does: scripts, styles, iframes, objects, forms, SVG and MathML, event handlers, <c>style</c> and <c>id</c>
/// attributes (no CSS tricks, no DOM clobbering), <c>javascript:</c>/<c>data:</c>/<c>vbscript:</c> URLs, comments.
/// </remarks>
public sealed class CardRenderer
{
    private static readonly string[] Tags =
        ["a", "abbr", "b", "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "details", "div", "dl",
         "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
         "picture", "pre", "q", "s", "samp", "small", "source", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody",
         "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var"];

    private static readonly string[] Attributes =
        ["href", "src", "srcset", "alt", "title", "width", "height", "align", "valign", "colspan", "rowspan", "start", "type", "class",
         "open", "media", "lang", "dir", "rel", "target"];

    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables().UseGridTables().UseTaskLists().UseAutoLinks().UseEmphasisExtras().UseFootnotes()
        .Build();

    private readonly HtmlSanitizer sanitizer;

    public CardRenderer()
    {
        sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(Attributes, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src", "cite", "action", "formaction", "background", "poster", "longdesc", "xlink:href"], StringComparer.OrdinalIgnoreCase),
            UriListAttributes = new HashSet<string>(["srcset"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
            AllowedClasses = new HashSet<string>(StringComparer.Ordinal),
            AllowDataAttributes = false,
        });
        // Links leave the hub in a new context without handing it a window reference.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } a && a.HasAttribute("href"))
            {
                a.SetAttribute("rel", "nofollow noopener noreferrer");
                a.RemoveAttribute("target");
            }
        };
    }

    /// <summary>
    /// Sanitized HTML of <paramref name="markdown"/>; relative URLs resolve against <paramref name="baseUrl"/> (the
    /// revision's <c>resolve</c> folder, ending in '/') when given.
    /// </summary>
    public string Render(string markdown, string? baseUrl)
    {
        var html = Markdown.ToHtml(markdown, pipeline);
        return sanitizer.Sanitize(html, baseUrl ?? "");
    }
}
