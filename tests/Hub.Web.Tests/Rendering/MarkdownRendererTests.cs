using AngleSharp.Html.Parser;
using Hub.Web.Rendering;

namespace Hub.Web.Tests.Rendering;

/// <summary>Model cards become inert HTML: an XSS corpus leaves nothing executable, and card links point at the repo.</summary>
public sealed class MarkdownRendererTests
{
    private static readonly MarkdownRenderer Renderer = new();
    private static readonly RepoLinks Links = new("/alice/model", "main", "");

    public static TheoryData<string> Hostile() =>
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"javascript:alert(1)\">",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">click</a>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">entities</a>",
        "<a href=\"java\tscript:alert(1)\">tab</a>",
        "[md link](javascript:alert(1))",
        "[md link](JAVASCRIPT:alert(1))",
        "![md image](javascript:alert(1))",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">data</a>",
        "<svg onload=alert(1)><circle r=10 /></svg>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<object data=\"evil.swf\"></object><embed src=\"evil.swf\">",
        "<form action=\"https://evil.example\"><input name=q><button formaction=javascript:alert(1)>go</button></form>",
        "<div style=\"background:url(javascript:alert(1))\">styled</div>",
        "<style>body{display:none}</style>",
        "<!--><script>alert(1)</script>-->",
        "<!-- <img src=x onerror=alert(1)> -->",
        "<details open ontoggle=alert(1)><summary>x</summary></details>",
        "<body onload=alert(1)>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"https://evil.example/\">",
        "<a href=\"#\" onclick=\"alert(1)\">handler</a>",
        "<p onmouseover=alert(1)>hover</p>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<template><script>alert(1)</script></template>",
        "<link rel=stylesheet href=https://evil.example/x.css>",
        "<video><source onerror=alert(1)></video>",
        "<a href=\"vbscript:msgbox(1)\">vb</a>",
        "<img srcset=\"javascript:alert(1) 1x\">",
        "<a href=\"//evil.example/path\">protocol relative</a>",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_markup_renders_with_nothing_executable_left(string markdown)
    {
        var html = Renderer.Render("# Card\n\n" + markdown + "\n\nAfter.", Links);
        var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.LocalName, (string[])["script", "iframe", "object", "embed", "form", "input", "button", "style", "svg", "math", "meta", "base", "link", "template", "noscript"]);
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler {attribute.Name} kept in {html}");
                Assert.NotEqual("style", attribute.Name);
                if (attribute.Name is "href" or "src" or "srcset" or "action" or "formaction")
                {
                    var value = attribute.Value.Trim();
                    // Protocol-relative URLs ("//host/x") are plain http(s) links, like absolute ones.
                    Assert.True(value.StartsWith("https://", StringComparison.Ordinal) || value.StartsWith("http://", StringComparison.Ordinal) || value.StartsWith('/') || value.StartsWith('#') || value.StartsWith("mailto:", StringComparison.Ordinal),
                        $"{attribute.Name}=\"{value}\" kept in {html}");
                }
            }
        }
    }

    [Fact]
    public void Front_matter_is_not_rendered_and_markdown_features_are()
    {
        var html = Renderer.Render("---\nlicense: mit\ntags: [a]\n---\n# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ `code`\n", Links);
        Assert.DoesNotContain("license", html, StringComparison.Ordinal);
        Assert.Contains("<h1 id=\"user-content-title\">Title</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("<del>old</del>", html, StringComparison.Ordinal);
        Assert.Contains("<code>code</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Relative_links_open_repository_files_and_images_download_from_the_revision()
    {
        var html = Renderer.Render("[config](config.json) [up](../../etc/passwd) [doc](docs/a.md#part) ![chart](./img/chart.png) [site](https://example.org/x) [anchor](#use)", new RepoLinks("/datasets/bob/data", "v1.0", "notes"));
        Assert.Contains("href=\"/datasets/bob/data/blob/v1.0/notes/config.json\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/datasets/bob/data/blob/v1.0/notes/docs/a.md#part\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/datasets/bob/data/resolve/v1.0/notes/img/chart.png\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org/x\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#use\"", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"nofollow noopener noreferrer\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Safe_html_in_cards_is_kept()
    {
        var html = Renderer.Render("<div align=\"center\"><img src=\"https://example.org/logo.png\" alt=\"Logo\" width=\"200\"></div>\n\n<details><summary>More</summary>Hidden text</details>", Links);
        Assert.Contains("<img src=\"https://example.org/logo.png\" alt=\"Logo\" width=\"200\">", html, StringComparison.Ordinal);
        Assert.Contains("<details><summary>More</summary>Hidden text</details>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Headings_and_footnotes_get_prefixed_ids_that_cannot_clobber_the_page()
    {
        var html = Renderer.Render("[Usage](#usage)\n\n## Usage\n\nText.[^1]\n\n<div id=\"main\">raw</div>\n\n[^1]: A note.\n", Links);
        Assert.Contains("<h2 id=\"user-content-usage\">Usage</h2>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#usage\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"user-content-main\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"main\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"user-content-fn:1\"", html, StringComparison.Ordinal);
    }
}
