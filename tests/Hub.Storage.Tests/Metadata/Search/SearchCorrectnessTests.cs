using Hub.Storage.Metadata.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Storage.Tests.Metadata.Search;

/// <summary>
/// Search, filters, sorts and pagination over the 1,000-repository corpus, each answer compared with a reference
/// computed here from what was written. Run on both providers with the same data, so both give the same order.
/// </summary>
public abstract class SearchCorrectnessTests(SearchCorpus corpus)
{
    private const int PageSize = 37;

    private static readonly Dictionary<string, Func<RepositoryViewer, RepositoryQuery>> Cases = new()
    {
        ["everything"] = v => new("model", v),
        ["datasets"] = v => new("dataset", v),
        ["dataset language"] = v => new("dataset", v, Language: "en"),
        ["id substring"] = v => new("model", v, Search: "ERT-"),
        ["id substring with underscore"] = v => new("model", v, Search: "a_b"),
        ["one word prefix"] = v => new("model", v, Search: "rob"),
        ["two words"] = v => new("model", v, Search: "fine tuned"),
        ["digits and hex-like words"] = v => new("model", v, Search: "0x1f 1e5"),
        ["non-ascii word"] = v => new("model", v, Search: "café"),
        ["namespace"] = v => new("model", v, Search: "author07/"),
        ["word and filter"] = v => new("model", v, Search: "llama", PipelineTag: "text-generation"),
        ["author"] = v => new("model", v, Author: "AUTHOR03"),
        ["tags"] = v => new("model", v, Tags: ["en", "chat"]),
        ["pipeline"] = v => new("model", v, PipelineTag: "fill-mask"),
        ["library"] = v => new("model", v, Library: "gguf"),
        ["license"] = v => new("model", v, License: "apache-2.0"),
        ["language"] = v => new("model", v, Language: "fr"),
        ["gated"] = v => new("model", v, Gated: true),
        ["everything at once"] = v => new("model", v, Search: "b", Author: "author05", Tags: ["transformers"], License: "mit"),
        ["no match"] = v => new("model", v, Search: "zzzz"),
    };

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Walking_every_page_returns_exactly_the_reference_answer_in_sort_order(string caseName)
    {
        var store = corpus.Database.Services.GetRequiredService<IRepositoryStore>();
        var member = corpus.Authors[1];
        foreach (var viewer in new[] { RepositoryViewer.Anonymous, new RepositoryViewer(member.Id, [member.Id], false) })
        {
            foreach (var sort in Enum.GetValues<RepositorySort>())
            {
                var query = Cases[caseName](viewer) with { Sort = sort, Limit = PageSize };
                var expected = Reference(query);
                var walked = new List<string>();
                string? cursor = null;
                do
                {
                    var page = await store.ListAsync(query with { Cursor = cursor }, CancellationToken.None);
                    Assert.True(page.Items.Count == PageSize || page.NextCursor is null, "only the last page may be short");
                    walked.AddRange(page.Items.Select(r => r.Id));
                    cursor = page.NextCursor;
                    Assert.True(walked.Count <= SearchCorpus.Models + SearchCorpus.Datasets, "the walk does not end");
                }
                while (cursor is not null);

                Assert.True(expected.SequenceEqual(walked), $"{caseName}, {sort}, viewer {viewer.UserId}: expected {expected.Count} ids, got {walked.Count}");
            }
        }
        if (caseName != "no match")
            Assert.NotEmpty(Reference(Cases[caseName](RepositoryViewer.Anonymous)));
    }

    [Fact]
    public void The_corpus_has_1000_models_and_the_cases_select_different_subsets()
    {
        Assert.Equal(SearchCorpus.Models, corpus.Repos.Count(r => r.Type == "model"));
        var sizes = Cases.Values.Select(c => Reference(c(RepositoryViewer.Anonymous)).Count).ToList();
        Assert.True(sizes.Distinct().Count() > Cases.Count / 2, string.Join(", ", sizes));
    }

    /// <summary>The answer from the written data and the documented semantics, sorted (key desc, id desc).</summary>
    private List<string> Reference(RepositoryQuery q)
    {
        var words = SearchText.QueryWords(q.Search);
        var rows = corpus.Repos.Where(r => r.Type == q.Type)
            .Where(r => !r.Private || q.Viewer.NamespaceIds.Contains(r.NamespaceId))
            .Where(r => q.Search is null
                        || r.FullName.ToLowerInvariant().Contains(q.Search.Trim().ToLowerInvariant(), StringComparison.Ordinal)
                        || SearchText.Matches(corpus.SearchTexts[r.Id], words))
            .Where(r => q.Author is null || string.Equals(r.Namespace, q.Author, StringComparison.OrdinalIgnoreCase))
            .Where(r => (q.Tags ?? []).All(r.Tags.Contains))
            .Where(r => q.PipelineTag is null || r.PipelineTag == q.PipelineTag)
            .Where(r => q.Library is null || r.LibraryName == q.Library)
            .Where(r => q.License is null || r.Tags.Contains("license:" + q.License))
            .Where(r => q.Language is null || r.Tags.Contains(q.Language) || r.Tags.Contains("language:" + q.Language))
            .Where(r => q.Gated is null || (r.Gated != "none") == q.Gated);
        IComparable Key(RepositoryRecord r) => q.Sort switch
        {
            RepositorySort.LastModified => r.LastModified,
            RepositorySort.CreatedAt => r.CreatedAt,
            RepositorySort.Downloads => r.Downloads,
            RepositorySort.Likes => r.Likes,
            _ => r.TrendingScore,
        };
        return rows.OrderByDescending(Key).ThenByDescending(r => r.Id, StringComparer.Ordinal).Select(r => r.Id).ToList();
    }
}

public sealed class SqliteSearchCorrectnessTests(SqliteSearchCorpus corpus)
    : SearchCorrectnessTests(corpus), IClassFixture<SqliteSearchCorpus>;

public sealed class PostgresSearchCorrectnessTests(PostgresSearchCorpus corpus)
    : SearchCorrectnessTests(corpus), IClassFixture<PostgresSearchCorpus>;
