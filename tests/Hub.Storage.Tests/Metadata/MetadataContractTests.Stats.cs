using Hub.Storage.Metadata.Jobs;
using Hub.Storage.Metadata.Likes;
using Hub.Storage.Metadata.Repositories;
using Hub.Storage.Metadata.Revisions;
using Hub.Storage.Metadata.Stats;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Storage.Tests.Metadata;

public abstract partial class MetadataContractTests
{
    protected IRepositoryStatsStore Stats => Database.Services.GetRequiredService<IRepositoryStatsStore>();

    protected ILikeStore Likes => Database.Services.GetRequiredService<ILikeStore>();

    protected IJobLeaseStore Jobs => Database.Services.GetRequiredService<IJobLeaseStore>();

    protected IRevisionIndexStore Revisions => Database.Services.GetRequiredService<IRevisionIndexStore>();

    [Fact]
    public async Task Downloads_are_counted_per_day_and_move_the_30_day_and_all_time_totals()
    {
        var owner = await NewUserAsync();
        var repo = await NewRepoAsync(owner.Id, Unique("dl"));
        var day = new DateOnly(2026, 3, 1);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Stats.RecordDownloadAsync(repo.Id, day, Ct)));
        await Stats.RecordDownloadAsync(repo.Id, day.AddDays(1), Ct);

        Assert.Equal([new DailyDownloadRecord(day, 10), new DailyDownloadRecord(day.AddDays(1), 1)],
            await Stats.ListDailyDownloadsAsync(repo.Id, day.AddDays(-5), day.AddDays(5), Ct));
        var stored = (await Repositories.GetAsync(repo.Id, Ct))!;
        Assert.Equal((11, 11), (stored.Downloads, stored.DownloadsAllTime));
    }

    [Fact]
    public async Task Recompute_drops_downloads_older_than_30_days_and_scores_recent_downloads_and_likes()
    {
        var owner = await NewUserAsync();
        var fan = await NewUserAsync();
        var repo = await NewRepoAsync(owner.Id, Unique("trend"));
        var quiet = await NewRepoAsync(owner.Id, Unique("quiet"));
        var today = DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
        await Stats.RecordDownloadAsync(repo.Id, today.AddDays(-40), Ct);
        await Stats.RecordDownloadAsync(repo.Id, today.AddDays(-29), Ct);
        for (var i = 0; i < 4; i++)
            await Stats.RecordDownloadAsync(repo.Id, today.AddDays(-2), Ct);
        await Stats.RecordDownloadAsync(repo.Id, today, Ct);
        await Likes.LikeAsync(fan.Id, repo.Id, Time.GetUtcNow(), Ct);

        await Stats.RecomputeAsync(today, Ct);

        var stored = (await Repositories.GetAsync(repo.Id, Ct))!;
        Assert.Equal(6, stored.Downloads);
        Assert.Equal(7, stored.DownloadsAllTime);
        // today: 1 download + 1 like (×10) at weight 1; two days ago: 4 downloads at weight 1/2.
        Assert.Equal(13.0, stored.TrendingScore);
        Assert.Equal(0.0, (await Repositories.GetAsync(quiet.Id, Ct))!.TrendingScore);

        // A week later nothing is recent: the score falls to 0 and only the last 30 days still count.
        await Stats.RecomputeAsync(today.AddDays(7), Ct);
        stored = (await Repositories.GetAsync(repo.Id, Ct))!;
        Assert.Equal((0.0, 5L), (stored.TrendingScore, stored.Downloads));
        Assert.Equal(0, await Stats.RecomputeAsync(today.AddDays(7), Ct));
    }

    [Fact]
    public void Trending_score_weighs_a_day_by_half_every_two_days_and_a_like_as_ten_downloads()
    {
        Assert.Equal(0, TrendingScore.Compute([], []));
        Assert.Equal(10, TrendingScore.Compute([10], []));
        Assert.Equal(5, TrendingScore.Compute([0, 0, 10], []));
        Assert.Equal(7.07, TrendingScore.Compute([0, 10], []));
        Assert.Equal(1.25, TrendingScore.Compute([0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 1]));
        Assert.Equal(0, TrendingScore.Compute([0, 0, 0, 0, 0, 0, 0, 1000], []));
    }

    [Fact]
    public async Task Of_many_concurrent_claims_of_a_due_job_exactly_one_wins_until_the_interval_passes()
    {
        var job = Unique("job");

        var first = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Jobs.TryClaimAsync(job, $"process-{i}", TimeSpan.FromHours(1), Ct)));
        Assert.Equal(1, first.Count(c => c));

        var again = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Jobs.TryClaimAsync(job, $"process-{i}", TimeSpan.FromHours(1), Ct)));
        Assert.DoesNotContain(true, again);

        Time.Advance(TimeSpan.FromHours(1));
        var later = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Jobs.TryClaimAsync(job, $"process-{i}", TimeSpan.FromHours(1), Ct)));
        Assert.Equal(1, later.Count(c => c));
    }

    [Fact]
    public async Task Likes_are_counted_once_per_user_and_listed_newest_first_in_pages()
    {
        var owner = await NewUserAsync();
        var repo = await NewRepoAsync(owner.Id, Unique("liked"));
        var fans = new List<Hub.Storage.Metadata.Accounts.UserRecord>();
        for (var i = 0; i < 5; i++)
        {
            fans.Add(await NewUserAsync("fan"));
            Assert.True(await Likes.LikeAsync(fans[i].Id, repo.Id, Time.GetUtcNow().AddMinutes(i), Ct));
        }
        Assert.False(await Likes.LikeAsync(fans[0].Id, repo.Id, Time.GetUtcNow(), Ct));
        var racer = await NewUserAsync("racer");
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Likes.LikeAsync(racer.Id, repo.Id, Time.GetUtcNow(), Ct)));
        Assert.True(await Likes.UnlikeAsync(racer.Id, repo.Id, Ct));
        Assert.False(await Likes.UnlikeAsync(racer.Id, repo.Id, Ct));

        Assert.Equal(5, (await Repositories.GetAsync(repo.Id, Ct))!.Likes);
        Assert.True(await Likes.IsLikedAsync(fans[2].Id, repo.Id, Ct));
        Assert.False(await Likes.IsLikedAsync(racer.Id, repo.Id, Ct));
        var first = await Likes.ListLikersAsync(repo.Id, null, 3, Ct);
        var second = await Likes.ListLikersAsync(repo.Id, first.NextCursor, 3, Ct);
        Assert.Null(second.NextCursor);
        Assert.Equal(fans.Select(f => f.Name).Reverse(), first.Items.Concat(second.Items).Select(l => l.Name));
        Assert.Equal(Stored(Time.GetUtcNow().AddMinutes(4)), first.Items[0].LikedAt);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Likes.ListLikersAsync(repo.Id, "bogus!", 3, Ct));
    }

    [Fact]
    public async Task A_users_likes_list_hides_private_repositories_from_those_who_cannot_see_them()
    {
        var fan = await NewUserAsync("fan");
        var owner = await NewUserAsync();
        var open = await NewRepoAsync(owner.Id, Unique("open"));
        var dataset = await NewRepoAsync(owner.Id, Unique("data"), type: "dataset");
        var hidden = await NewRepoAsync(owner.Id, Unique("hidden"), isPrivate: true);
        await Likes.LikeAsync(fan.Id, open.Id, Time.GetUtcNow(), Ct);
        await Likes.LikeAsync(fan.Id, dataset.Id, Time.GetUtcNow().AddSeconds(1), Ct);
        await Likes.LikeAsync(fan.Id, hidden.Id, Time.GetUtcNow().AddSeconds(2), Ct);

        var anonymous = await Likes.ListLikesOfUserAsync(fan.Id, RepositoryViewer.Anonymous, null, 100, Ct);
        var ownerView = await Likes.ListLikesOfUserAsync(fan.Id, new RepositoryViewer(owner.Id, [owner.Id], false), null, 100, Ct);

        Assert.Equal([(dataset.FullName, "dataset"), (open.FullName, "model")], anonymous.Items.Select(l => (l.FullName, l.Type)));
        Assert.Equal([hidden.Id, dataset.Id, open.Id], ownerView.Items.Select(l => l.RepositoryId));
        var paged = await Likes.ListLikesOfUserAsync(fan.Id, new RepositoryViewer(owner.Id, [owner.Id], false), null, 2, Ct);
        var rest = await Likes.ListLikesOfUserAsync(fan.Id, new RepositoryViewer(owner.Id, [owner.Id], false), paged.NextCursor, 2, Ct);
        Assert.Equal([hidden.Id, dataset.Id, open.Id], paged.Items.Concat(rest.Items).Select(l => l.RepositoryId));
    }

    [Fact]
    public async Task A_revision_index_is_stored_once_and_read_back_exactly()
    {
        var owner = await NewUserAsync();
        var repo = await NewRepoAsync(owner.Id, Unique("rev"));
        var commit = new string('a', 40);
        var record = new RevisionIndexRecord(repo.Id, commit, Time.GetUtcNow(), "{\"license\":\"mit\"}", "fill-mask", "transformers",
            "{\"config\":{}}", ["fill-mask", "license:mit", "transformers"]);

        Assert.Null(await Revisions.GetAsync(repo.Id, commit, Ct));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Revisions.PutAsync(record, Ct)));
        await Revisions.PutAsync(record with { CardData = "{}" }, Ct);

        var stored = (await Revisions.GetAsync(repo.Id, commit, Ct))!;
        Assert.Equal(record.Tags, stored.Tags);
        Assert.Equal(record with { LastModified = Stored(record.LastModified), Tags = stored.Tags }, stored);
        Assert.Null(await Revisions.GetAsync(repo.Id, new string('b', 40), Ct));
    }
}
