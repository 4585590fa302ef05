namespace Hub.Bench.Search;

/// <summary>
/// One scenario's queries: distinct list URLs drawn with Zipf-like popularity (the k-th most popular is asked 1/k as
/// often as the first), as real traffic is, rather than one URL repeated.
/// </summary>
public sealed class SearchQueryMix
{
    private readonly string[] paths;
    private readonly double[] cumulative;

    public SearchQueryMix(string name, IReadOnlyList<string> paths)
    {
        Name = name;
        this.paths = [.. paths];
        cumulative = new double[this.paths.Length];
        var total = 0.0;
        for (var k = 0; k < cumulative.Length; k++) cumulative[k] = total += 1.0 / (k + 1);
    }

    public string Name { get; }

    /// <summary>How many distinct queries.</summary>
    public int Count => paths.Length;

    public string Next(Random random)
    {
        var i = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
        return paths[Math.Min(i < 0 ? ~i : i, paths.Length - 1)];
    }

    /// <summary>
    /// newest and most downloaded: pages 1–5 (cursors followed from the Link headers); text search: every word and
    /// pair of words of the seeded vocabulary; tag filter + sort: every language × license × three sorts.
    /// </summary>
    public static async Task<SearchQueryMix[]> CreateAsync(HttpClient client, CancellationToken ct)
    {
        var order = new Random(11);
        var words = SearchSeeder.Words;
        string[] searches = [.. words, .. words.SelectMany(a => words.Where(b => b != a).Select(b => $"{a}%20{b}"))];
        string[] tags =
        [
            .. SearchSeeder.Languages.SelectMany(language => SearchSeeder.Licenses.SelectMany(license =>
                new[] { "downloads", "likes", "createdAt" }.Select(sort => $"api/models?filter={language}&filter=license:{license}&sort={sort}&limit=20"))),
        ];
        order.Shuffle(searches);
        order.Shuffle(tags);
        return
        [
            new("newest", await PagesAsync(client, "api/models?sort=createdAt&limit=20", 5, ct)),
            new("most downloaded", await PagesAsync(client, "api/models?sort=downloads&limit=20", 5, ct)),
            new("text search", [.. searches.Select(s => $"api/models?search={s}&limit=20")]),
            new("tag filter + sort", tags),
        ];
    }

    private static async Task<List<string>> PagesAsync(HttpClient client, string first, int count, CancellationToken ct)
    {
        var pages = new List<string> { first };
        while (pages.Count < count)
        {
            using var response = await client.GetAsync(pages[^1], ct);
            response.EnsureSuccessStatusCode();
            if (!response.Headers.TryGetValues("Link", out var links)) break;
            var link = links.First();
            var next = new Uri(link[(link.IndexOf('<', StringComparison.Ordinal) + 1)..link.IndexOf('>', StringComparison.Ordinal)]);
            pages.Add(next.PathAndQuery.TrimStart('/'));
        }
        return pages;
    }
}
