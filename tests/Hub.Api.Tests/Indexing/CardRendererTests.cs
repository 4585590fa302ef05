using Hub.Api.Features.Indexing;

namespace Hub.Api.Tests.Indexing;

/// <summary>Model card bodies rendered to HTML: hostile input loses everything executable, ordinary Markdown keeps its shape.</summary>
public sealed class CardRendererTests
{
    private static readonly CardRenderer Renderer = new();

    public static TheoryData<string> HostileInputs() =>
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](java&#x09;script:alert(1))",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\" javascript:alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<javascript:alert(1)>",
        "![x](javascript:alert(1))",
        "<svg onload=alert(1)><circle r=10/></svg>",
        "<svg><script>alert(1)</script></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"data:text/html,<script>alert(1)</script>\">",
        "<form action=\"javascript:alert(1)\"><button>x</button></form>",
        "<button formaction=\"javascript:alert(1)\">x</button>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<!--<img src=x onerror=alert(1)>-->",
        "<!-- --><script>alert(1)</script><!-- -->",
        "<!--> <img src=x onerror=alert(1)> -->",
        "<img src=\"x\" onmouseover=\"alert(1)\">",
        "<details open ontoggle=alert(1)><summary>x</summary></details>",
        "<base href=\"javascript:alert(1)//\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<link rel=stylesheet href=\"javascript:alert(1)\">",
        "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
        "<img srcset=\"javascript:alert(1) 1x, https://example.com/x.png 2x\">",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<template><script>alert(1)</script></template>",
        "<<script>script>alert(1)<</script>/script>",
        "<textarea><script>alert(1)</script></textarea>",
        "<input autofocus onfocus=alert(1)>",
        "<video><source onerror=\"alert(1)\"></video>",
        "<marquee onstart=alert(1)>x</marquee>",
        "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |",
        "<a href=\"https://example.com\" id=\"__proto__\" name=\"forms\" target=\"_top\">x</a>",
        "```html\n<script>alert(1)</script>\n```\n<scr<script>ipt>alert(1)</script>",
        "<p>ok</p><img src=`x` onerror=\"alert(1)\"/>",
    ];

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void Hostile_card_bodies_render_with_nothing_executable_left(string markdown)
    {
        XssAssert.NothingExecutable(Renderer.Render(markdown, "https://hub.example/org/m/resolve/abc/"));
        XssAssert.NothingExecutable(Renderer.Render(markdown, null));
    }

    [Fact]
    public void The_corpus_has_at_least_25_hostile_inputs() => Assert.True(HostileInputs().Count >= 25);

    [Fact]
    public void Ordinary_markdown_keeps_headings_tables_code_links_and_images()
    {
        var html = Renderer.Render(
            "# Title\n\nSome *emphasis* and `code`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nprint(1)\n```\n\n[docs](https://example.com/docs) [file](config.json) ![img](img/a.png)\n\n<details><summary>More</summary>Hidden</details>",
            "https://hub.example/org/m/resolve/abc/");

        Assert.Contains("<h1>Title</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<em>emphasis</em>", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("<code class=\"language-python\">print(1)", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.com/docs\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://hub.example/org/m/resolve/abc/config.json\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"https://hub.example/org/m/resolve/abc/img/a.png\"", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"nofollow noopener noreferrer\"", html, StringComparison.Ordinal);
        Assert.Contains("<summary>More</summary>", html, StringComparison.Ordinal);
    }
}
