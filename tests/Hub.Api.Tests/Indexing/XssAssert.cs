using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Hub.Api.Tests.Indexing;

/// <summary>Checks rendered HTML the way a browser would see it: parsed, every element, attribute and URL inspected.</summary>
public static class XssAssert
{
    private static readonly HashSet<string> ForbiddenElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "form", "input", "button",
        "textarea", "select", "base", "meta", "link", "template", "noscript", "xmp", "plaintext", "portal", "marquee", "video", "audio",
    };

    private static readonly HashSet<string> UrlAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "src", "cite", "action", "formaction", "poster", "background", "data", "xlink:href", "longdesc",
    };

    public static void NothingExecutable(string html)
    {
        var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        foreach (var node in Descendants(document.Body!))
        {
            Assert.False(node.NodeType == NodeType.Comment, $"a comment survived: {html}");
            if (node is not IElement element) continue;
            Assert.False(ForbiddenElements.Contains(element.LocalName), $"<{element.LocalName}> survived: {html}");
            foreach (var attribute in element.Attributes)
            {
                var name = attribute.Name;
                Assert.False(name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler {name} survived: {html}");
                Assert.False(name is "style" or "srcdoc" or "id" or "name" or "formaction" or "action", $"attribute {name} survived: {html}");
                if (UrlAttributes.Contains(name)) AssertSafeUrl(attribute.Value, html);
                if (name == "srcset")
                {
                    foreach (var candidate in attribute.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        AssertSafeUrl(candidate.Split(' ')[0], html);
                }
            }
        }
    }

    private static void AssertSafeUrl(string value, string html)
    {
        // What a browser does before reading the scheme: strip controls and whitespace.
        var cleaned = new string(value.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();
        var colon = cleaned.IndexOf(':', StringComparison.Ordinal);
        var slash = cleaned.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (slash >= 0 && slash < colon)) return; // relative
        var scheme = cleaned[..colon];
        Assert.True(scheme is "http" or "https" or "mailto", $"URL with scheme '{scheme}' survived: {html}");
    }

    private static IEnumerable<INode> Descendants(INode root)
    {
        foreach (var child in root.ChildNodes)
        {
            yield return child;
            foreach (var grandchild in Descendants(child)) yield return grandchild;
        }
    }
}
