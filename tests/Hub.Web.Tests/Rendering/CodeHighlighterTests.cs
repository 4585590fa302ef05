using Hub.Web.Rendering;

namespace Hub.Web.Tests.Rendering;

public sealed class CodeHighlighterTests
{
    [Fact]
    public void Json_keys_strings_numbers_and_literals_get_their_classes()
    {
        var lines = CodeHighlighter.Highlight("{\n  \"hidden\": 384,\n  \"name\": \"bert\",\n  \"on\": true\n}\n", "json");
        Assert.Equal(5, lines.Count);
        Assert.Equal("  <span class=\"tok-key\">&quot;hidden&quot;</span>: <span class=\"tok-num\">384</span>,", lines[1]);
        Assert.Contains("<span class=\"tok-str\">&quot;bert&quot;</span>", lines[2], StringComparison.Ordinal);
        Assert.Contains("<span class=\"tok-lit\">true</span>", lines[3], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("python")]
    [InlineData("markdown")]
    [InlineData("text")]
    public void Markup_in_files_is_always_encoded(string language)
    {
        var html = string.Join('\n', CodeHighlighter.Highlight("# <script>alert('x')</script> \"<img src=x onerror=y>\" & <b>", language));
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("config.json", "json")]
    [InlineData("src/train.py", "python")]
    [InlineData("README.md", "markdown")]
    [InlineData(".gitattributes", "shell")]
    [InlineData("data/train.csv", "text")]
    public void Language_follows_the_file_name(string path, string language) => Assert.Equal(language, CodeHighlighter.LanguageOf(path));
}
