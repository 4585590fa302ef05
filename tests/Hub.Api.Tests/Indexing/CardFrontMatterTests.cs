using Hub.Api.Features.Indexing;

namespace Hub.Api.Tests.Indexing;

/// <summary>Card metadata parsing: every kind of bad YAML becomes an error message, never an exception.</summary>
public sealed class CardFrontMatterTests
{
    [Theory]
    [InlineData("license: [mit\ntags: chat\n")]
    [InlineData("license: mit\nlicense: apache-2.0\n")]
    [InlineData("- just\n- a list\n")]
    [InlineData("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n")]
    [InlineData("key: \"unterminated\n")]
    [InlineData("a: *missing\n")]
    public void Invalid_metadata_is_an_error_message(string yaml)
    {
        var (data, error) = CardFrontMatter.Parse(yaml);
        Assert.Null(data);
        Assert.StartsWith(error!.StartsWith("The metadata", StringComparison.Ordinal) ? "The metadata" : "Invalid YAML", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Scalars_take_their_yaml_types_and_quoted_values_stay_strings()
    {
        var (data, error) = CardFrontMatter.Parse("a: 1\nb: 0.5\nc: true\nd: '1'\ne: ~\nf: 2024-01-01\ng: [en, 'fr']\n");
        Assert.Null(error);
        ModelRepoBuilder.JsonEqual("""{"a":1,"b":0.5,"c":true,"d":"1","e":null,"f":"2024-01-01","g":["en","fr"]}""", data);
    }

    [Fact]
    public void Front_matter_and_body_are_split_at_the_fences()
    {
        Assert.Equal(("license: mit\n", "# Body\n"), CardFrontMatter.Split("\uFEFF---\r\nlicense: mit\n---\n# Body\n"));
        Assert.Equal((null, "# No card\n"), CardFrontMatter.Split("# No card\n"));
        Assert.Equal((null, "---\nnot closed\n"), CardFrontMatter.Split("---\nnot closed\n"));
    }
}
