using Hub.Storage.Metadata.Repositories;
using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Tests.Metadata;

public abstract partial class MetadataContractTests
{
    [Fact]
    public async Task Private_repositories_are_listed_only_to_owner_organization_members_and_admins()
    {
        var token = Unique("vis");
        var owner = await NewUserAsync();
        var member = await NewUserAsync();
        var stranger = await NewUserAsync();
        var org = await Accounts.CreateOrganizationAsync(Unique("org"), null, owner.Id, Ct);
        await Accounts.SetMembershipAsync(org.Id, member.Id, "read", Ct);
        var open = await NewRepoAsync(owner.Id, $"{token}-public");
        var mine = await NewRepoAsync(owner.Id, $"{token}-mine", isPrivate: true);
        var team = await NewRepoAsync(org.Id, $"{token}-team", isPrivate: true);

        async Task<string[]> Visible(RepositoryViewer viewer) =>
            (await Repositories.ListAsync(new RepositoryQuery("model", viewer, Search: token), Ct)).Items.Select(r => r.Id).Order().ToArray();
        string[] Ids(params RepositoryRecord[] repos) => repos.Select(r => r.Id).Order().ToArray();

        Assert.Equal(Ids(open), await Visible(RepositoryViewer.Anonymous));
        Assert.Equal(Ids(open), await Visible(new RepositoryViewer(stranger.Id, [stranger.Id], false)));
        Assert.Equal(Ids(open, mine, team), await Visible(new RepositoryViewer(owner.Id, [owner.Id, org.Id], false)));
        Assert.Equal(Ids(open, team), await Visible(new RepositoryViewer(member.Id, [member.Id, org.Id], false)));
        Assert.Equal(Ids(open, mine, team), await Visible(new RepositoryViewer(stranger.Id, [stranger.Id], true)));
    }

    [Fact]
    public async Task Search_matches_a_case_insensitive_substring_and_takes_percent_and_underscore_literally()
    {
        var token = Unique("srch");
        var owner = await NewUserAsync();
        var percent = await NewRepoAsync(owner.Id, $"{token}-50%-Off");
        var underscore = await NewRepoAsync(owner.Id, $"{token}-a_b");
        var plain = await NewRepoAsync(owner.Id, $"{token}-axb-50x-off");
        var backslash = await NewRepoAsync(owner.Id, $"{token}-back\\slash");

        async Task<string[]> Search(string search) =>
            (await Repositories.ListAsync(new RepositoryQuery("model", RepositoryViewer.Anonymous, Search: search), Ct)).Items.Select(r => r.Id).Order().ToArray();
        string[] Ids(params RepositoryRecord[] repos) => repos.Select(r => r.Id).Order().ToArray();

        Assert.Equal(Ids(percent, underscore, plain, backslash), await Search(token.ToUpperInvariant()));
        Assert.Equal(Ids(percent), await Search($"{token}-50%-OFF"));
        Assert.Equal(Ids(underscore), await Search($"{token}-A_B"));
        Assert.Equal(Ids(backslash), await Search($"{token}-back\\s"));
        // Also matches on the namespace part of the full name.
        Assert.Equal(4, (await Search($"{owner.Name}/{token}")).Length);
        Assert.Empty(await Search($"{token}-zzz"));
    }

    [Fact]
    public async Task Author_tag_pipeline_and_gated_filters_narrow_the_list()
    {
        var token = Unique("filt");
        var alice = await NewUserAsync("alice");
        var bob = await NewUserAsync("bob");
        var a1 = await NewRepoAsync(alice.Id, $"{token}-1");
        var a2 = await NewRepoAsync(alice.Id, $"{token}-2");
        var b1 = await NewRepoAsync(bob.Id, $"{token}-3");
        await NewRepoAsync(alice.Id, $"{token}-dataset", type: "dataset");
        await Index(a1, "fill-mask", "pytorch", "en", "license:mit");
        await Index(a2, "text-classification", "pytorch", "en");
        await Index(b1, "fill-mask", "en");
        await Repositories.UpdateSettingsAsync(a2.Id, null, "auto", Ct);

        async Task<string[]> List(string? author = null, string[]? tags = null, string? pipeline = null, bool? gated = null) =>
            (await Repositories.ListAsync(new RepositoryQuery("model", RepositoryViewer.Anonymous, token, author, tags, pipeline, gated), Ct))
            .Items.Select(r => r.Id).Order().ToArray();
        string[] Ids(params RepositoryRecord[] repos) => repos.Select(r => r.Id).Order().ToArray();

        Assert.Equal(Ids(a1, a2, b1), await List());
        Assert.Equal(Ids(a1, a2), await List(author: alice.Name.ToUpperInvariant()));
        Assert.Empty(await List(author: Unique("nobody")));
        Assert.Equal(Ids(a1, a2), await List(tags: ["pytorch", "en"]));
        Assert.Equal(Ids(a1), await List(tags: ["pytorch", "license:mit"]));
        Assert.Empty(await List(tags: ["pytorch", "license:mit", "de"]));
        Assert.Equal(Ids(a1, b1), await List(pipeline: "fill-mask"));
        Assert.Equal(Ids(a2), await List(gated: true));
        Assert.Equal(Ids(a1, b1), await List(gated: false));
        Assert.Equal(Ids(a1), await List(author: alice.Name, pipeline: "fill-mask", tags: ["en"]));

        var listed = (await Repositories.ListAsync(new RepositoryQuery("model", RepositoryViewer.Anonymous, token, Tags: ["license:mit"]), Ct)).Items;
        Assert.Equal(["en", "license:mit", "pytorch"], Assert.Single(listed).Tags);

        Task Index(RepositoryRecord repo, string pipeline, params string[] tags) => Repositories.UpdateIndexAsync(repo.Id,
            new RepositoryIndexUpdate(new string('0', 40), Time.GetUtcNow(), null, pipeline, null, null, tags), Ct);
    }

    [Fact]
    public async Task Limit_is_clamped_and_foreign_cursors_are_refused()
    {
        var token = Unique("lim");
        var owner = await NewUserAsync();
        for (var i = 0; i < 3; i++)
            await NewRepoAsync(owner.Id, $"{token}-{i}");

        var one = await Repositories.ListAsync(new RepositoryQuery("model", RepositoryViewer.Anonymous, token, Sort: RepositorySort.Likes, Limit: 0), Ct);
        Assert.Single(one.Items);
        Assert.NotNull(one.NextCursor);
        var all = await Repositories.ListAsync(new RepositoryQuery("model", RepositoryViewer.Anonymous, token, Limit: int.MaxValue), Ct);
        Assert.Equal(3, all.Items.Count);
        Assert.Null(all.NextCursor);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Repositories.ListAsync(
            new RepositoryQuery("model", RepositoryViewer.Anonymous, token, Sort: RepositorySort.Downloads, Cursor: one.NextCursor), Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Repositories.ListAsync(
            new RepositoryQuery("model", RepositoryViewer.Anonymous, token, Cursor: "not a cursor!"), Ct));
    }

    [Theory]
    [InlineData(RepositorySort.LastModified)]
    [InlineData(RepositorySort.CreatedAt)]
    [InlineData(RepositorySort.Downloads)]
    [InlineData(RepositorySort.Likes)]
    [InlineData(RepositorySort.TrendingScore)]
    public async Task Pagination_walk_returns_every_visible_repository_exactly_once_in_sort_order(RepositorySort sort)
    {
        var seeded = await SeedListAsync(Unique("walk"), 250);
        var viewer = new RepositoryViewer(seeded.Viewer, [seeded.Viewer, seeded.Org], false);
        var expected = seeded.Repos
            .Where(r => !r.Private || r.NamespaceId == seeded.Viewer || r.NamespaceId == seeded.Org)
            .OrderByDescending(r => Key(r, sort)).ThenByDescending(r => r.Id, StringComparer.Ordinal)
            .Select(r => r.Id)
            .ToList();

        var walked = new List<RepositoryRecord>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Repositories.ListAsync(new RepositoryQuery("model", viewer, seeded.Token, Sort: sort, Limit: 40, Cursor: cursor), Ct);
            Assert.True(page.Items.Count == 40 || page.NextCursor is null, "only the last page may be short");
            walked.AddRange(page.Items);
            cursor = page.NextCursor;
            Assert.True(++pages <= 10, "the walk does not end");
        }
        while (cursor is not null);

        Assert.Equal(expected.Count, walked.Select(r => r.Id).Distinct().Count());
        Assert.Equal(expected, walked.Select(r => r.Id));
        // What the list returns carries the seeded keys, so the order above is the order of real values.
        var byId = seeded.Repos.ToDictionary(r => r.Id);
        Assert.All(walked, r => Assert.Equal(Key(byId[r.Id], sort), Key(r, sort)));
        Assert.Contains(walked, r => r.Private);
    }

    private static IComparable Key(RepositoryRecord r, RepositorySort sort) => sort switch
    {
        RepositorySort.LastModified => r.LastModified,
        RepositorySort.CreatedAt => r.CreatedAt,
        RepositorySort.Downloads => r.Downloads,
        RepositorySort.Likes => r.Likes,
        _ => r.TrendingScore,
    };

    private sealed record SeededList(string Token, long Viewer, long Org, IReadOnlyList<RepositoryRecord> Repos);

    /// <summary>
    /// Repositories across the viewer, the viewer's organization and a stranger, a fifth private, with many equal keys
    /// (so the id tie-break matters) and times finer than milliseconds (so the stored truncation matters). The
    /// returned records hold the values as the list must return them, computed here rather than read back.
    /// </summary>
    private async Task<SeededList> SeedListAsync(string token, int count)
    {
        var viewer = await NewUserAsync("viewer");
        var stranger = await NewUserAsync("stranger");
        var org = await Accounts.CreateOrganizationAsync(Unique("org"), null, viewer.Id, Ct);
        long[] owners = [viewer.Id, org.Id, stranger.Id];
        var origin = Time.GetUtcNow();
        var repos = new List<RepositoryRecord>();
        for (var i = 0; i < count; i++)
        {
            var created = await NewRepoAsync(owners[i % 3], $"{token}-{i:D3}", isPrivate: i % 5 == 0,
                createdAt: origin.AddSeconds(i % 17).AddTicks(i * 1234));
            var modified = origin.AddMinutes(i % 19).AddTicks(i * 4321);
            await Repositories.UpdateIndexAsync(created.Id, new RepositoryIndexUpdate(new string('f', 40), modified, null, null, null, null, []), Ct);
            repos.Add(created with
            {
                LastModified = Stored(modified), Downloads = i % 13, Likes = i % 7, TrendingScore = (i % 11) * 0.1 + (i % 2 == 0 ? 1e-9 : 0),
            });
        }

        // Counters are kept by other parts of the hub; the test writes them straight into the rows.
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        var ids = repos.Select(r => r.Id).ToList();
        var rows = await db.Repositories.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, Ct);
        foreach (var r in repos)
            (rows[r.Id].Downloads, rows[r.Id].Likes, rows[r.Id].TrendingScore) = (r.Downloads, r.Likes, r.TrendingScore);
        await db.SaveChangesAsync(Ct);
        return new SeededList(token, viewer.Id, org.Id, repos);
    }
}
