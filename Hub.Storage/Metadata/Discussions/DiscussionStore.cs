using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata.Discussions;

internal sealed class DiscussionStore(IHubDbContextFactory factory) : IDiscussionStore
{
    private const int MaxTake = 1000;

    public async Task<int> MaxNumberAsync(string repositoryId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<DiscussionEntity>().Where(d => d.RepositoryId == repositoryId).MaxAsync(d => (int?)d.Number, cancellationToken) ?? 0;
    }

    public async Task<DiscussionRecord> CreateAsync(NewDiscussion discussion, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var at = DbTime.ToDb(discussion.At);
        try
        {
            var entity = await db.InTransactionAsync(async ct =>
            {
                var row = new DiscussionEntity
                {
                    RepositoryId = discussion.RepositoryId, Number = discussion.Number, IsPullRequest = discussion.IsPullRequest,
                    Title = discussion.Title, Status = discussion.Status, AuthorId = discussion.AuthorId, CreatedAt = at,
                    TargetRef = discussion.TargetRef,
                };
                db.Add(row);
                await db.SaveChangesAsync(ct);
                if (!string.IsNullOrEmpty(discussion.Description))
                {
                    db.Add(new DiscussionEventEntity
                    {
                        DiscussionId = row.Id, Type = DiscussionEventTypes.Comment, AuthorId = discussion.AuthorId, CreatedAt = at,
                        Content = discussion.Description, UpdatedAt = at,
                    });
                    await db.SaveChangesAsync(ct);
                }
                return row;
            }, cancellationToken);
            return (await ToRecordsAsync(db, [entity], cancellationToken))[0];
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new DiscussionNumberTakenException($"Discussion {discussion.Number} of {discussion.RepositoryId} was taken meanwhile.", e);
        }
    }

    public async Task<DiscussionRecord?> GetAsync(string repositoryId, int number, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<DiscussionEntity>().AsNoTracking().FirstOrDefaultAsync(d => d.RepositoryId == repositoryId && d.Number == number, cancellationToken);
        return row is null ? null : (await ToRecordsAsync(db, [row], cancellationToken))[0];
    }

    public async Task<DiscussionPage> ListAsync(DiscussionQuery query, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var all = db.Set<DiscussionEntity>().AsNoTracking().Where(d => d.RepositoryId == query.RepositoryId);
        var rows = all;
        if (query.PullRequests is { } pr) rows = rows.Where(d => d.IsPullRequest == pr);
        if (query.Statuses is { } statuses) rows = rows.Where(d => statuses.Contains(d.Status));
        if (query.AuthorId is { } author) rows = rows.Where(d => d.AuthorId == author);
        var count = await rows.CountAsync(cancellationToken);
        var closed = await all.CountAsync(d => d.Status == DiscussionStatuses.Closed || d.Status == DiscussionStatuses.Merged, cancellationToken);
        var page = await rows.OrderByDescending(d => d.Number).Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, MaxTake)).ToListAsync(cancellationToken);
        return new DiscussionPage(await ToRecordsAsync(db, page, cancellationToken), count, closed);
    }

    public async Task<IReadOnlyList<DiscussionEventRecord>> ListEventsAsync(long discussionId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<DiscussionEventEntity>().AsNoTracking().Where(e => e.DiscussionId == discussionId).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return await ToRecordsAsync(db, rows, cancellationToken);
    }

    public async Task<DiscussionEventRecord?> GetEventAsync(long discussionId, long eventId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<DiscussionEventEntity>().AsNoTracking().FirstOrDefaultAsync(e => e.DiscussionId == discussionId && e.Id == eventId, cancellationToken);
        return row is null ? null : (await ToRecordsAsync(db, [row], cancellationToken))[0];
    }

    public async Task<DiscussionEventRecord> AddEventAsync(long discussionId, NewDiscussionEvent newEvent, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = NewRow(discussionId, newEvent);
        db.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return (await ToRecordsAsync(db, [row], cancellationToken))[0];
    }

    public async Task<DiscussionEventRecord?> ChangeStatusAsync(
        long discussionId, IReadOnlyCollection<string> from, string status, long authorId, string? comment, DiscussionMerge? merge, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var mergeCommitId = merge?.CommitId;
        var row = await db.InTransactionAsync(async ct =>
        {
            // The condition on the current status makes two racing changes (close vs merge) exclusive.
            var changed = await db.Set<DiscussionEntity>()
                .Where(d => d.Id == discussionId && from.Contains(d.Status))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, status).SetProperty(d => d.MergeCommitId, d => mergeCommitId ?? d.MergeCommitId), ct);
            if (changed == 0) return null;
            if (!string.IsNullOrWhiteSpace(comment)) db.Add(NewRow(discussionId, new NewDiscussionEvent(DiscussionEventTypes.Comment, authorId, comment, null, at)));
            var statusRow = NewRow(discussionId, new NewDiscussionEvent(DiscussionEventTypes.StatusChange, authorId, status, merge?.BaseCommitId, at));
            db.Add(statusRow);
            await db.SaveChangesAsync(ct);
            return statusRow;
        }, cancellationToken);
        return row is null ? null : (await ToRecordsAsync(db, [row], cancellationToken))[0];
    }

    public async Task<DiscussionEventRecord> RenameAsync(long discussionId, string title, long authorId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.InTransactionAsync(async ct =>
        {
            var discussion = await db.Set<DiscussionEntity>().FirstAsync(d => d.Id == discussionId, ct);
            var added = NewRow(discussionId, new NewDiscussionEvent(DiscussionEventTypes.TitleChange, authorId, title, discussion.Title, at));
            discussion.Title = title;
            db.Add(added);
            await db.SaveChangesAsync(ct);
            return added;
        }, cancellationToken);
        return (await ToRecordsAsync(db, [row], cancellationToken))[0];
    }

    public async Task<DiscussionEventRecord?> UpdateCommentAsync(
        long discussionId, long eventId, string? content, bool hide, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<DiscussionEventEntity>()
            .FirstOrDefaultAsync(e => e.DiscussionId == discussionId && e.Id == eventId && e.Type == DiscussionEventTypes.Comment, cancellationToken);
        if (row is null) return null;
        if (content is not null)
        {
            row.Content = content;
            row.Edited = true;
        }
        if (hide) row.Hidden = true;
        row.UpdatedAt = DbTime.ToDb(at);
        await db.SaveChangesAsync(cancellationToken);
        return (await ToRecordsAsync(db, [row], cancellationToken))[0];
    }

    private static DiscussionEventEntity NewRow(long discussionId, NewDiscussionEvent e)
    {
        var at = DbTime.ToDb(e.At);
        return new DiscussionEventEntity
        {
            DiscussionId = discussionId, Type = e.Type, AuthorId = e.AuthorId, CreatedAt = at, Content = e.Content, Detail = e.Detail, UpdatedAt = at,
        };
    }

    private static async Task<Dictionary<long, string>> NamesAsync(HubDbContext db, IEnumerable<long?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<long>().Distinct().ToList();
        if (wanted.Count == 0) return [];
        return await db.Namespaces.AsNoTracking().Where(n => wanted.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => n.Name, ct);
    }

    private static async Task<IReadOnlyList<DiscussionRecord>> ToRecordsAsync(HubDbContext db, IReadOnlyList<DiscussionEntity> rows, CancellationToken ct)
    {
        var names = await NamesAsync(db, rows.Select(r => r.AuthorId), ct);
        return rows.Select(d => new DiscussionRecord(
            d.Id, d.RepositoryId, d.Number, d.IsPullRequest, d.Title, d.Status, d.AuthorId, d.AuthorId is { } a ? names.GetValueOrDefault(a) : null,
            DbTime.FromDb(d.CreatedAt), d.TargetRef, d.MergeCommitId)).ToList();
    }

    private static async Task<IReadOnlyList<DiscussionEventRecord>> ToRecordsAsync(HubDbContext db, IReadOnlyList<DiscussionEventEntity> rows, CancellationToken ct)
    {
        var names = await NamesAsync(db, rows.Select(r => r.AuthorId), ct);
        return rows.Select(e => new DiscussionEventRecord(
            e.Id, e.DiscussionId, e.Type, e.AuthorId, e.AuthorId is { } a ? names.GetValueOrDefault(a) : null, DbTime.FromDb(e.CreatedAt),
            e.Content, e.Detail, e.Edited, e.Hidden, DbTime.FromDb(e.UpdatedAt))).ToList();
    }
}
