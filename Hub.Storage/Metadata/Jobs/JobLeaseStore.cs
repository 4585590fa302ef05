using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata.Jobs;

internal sealed class JobLeaseStore(IHubDbContextFactory factory, TimeProvider time) : IJobLeaseStore
{
    public async Task<bool> TryClaimAsync(string name, string holder, TimeSpan interval, CancellationToken cancellationToken)
    {
        MetadataNames.CheckLength(name, 64, nameof(name));
        MetadataNames.CheckLength(holder, 128, nameof(holder));
        var now = DbTime.Now(time);
        var next = now + interval;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // A conditional update is the claim: PostgreSQL re-checks the condition on the row a concurrent claimer just
        // updated, and SQLite runs one writer at a time, so of two claimers only one sees the job due.
        var claimed = await db.JobLeases.Where(j => j.Name == name && j.NextRunAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.NextRunAt, next).SetProperty(j => j.Holder, holder), cancellationToken);
        if (claimed > 0)
            return true;
        if (await db.JobLeases.AsNoTracking().AnyAsync(j => j.Name == name, cancellationToken))
            return false;
        db.JobLeases.Add(new JobLeaseEntity { Name = name, Holder = holder, NextRunAt = next });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another process created the row (and so claimed the first run) meanwhile.
            return false;
        }
    }

    public async Task<bool> ReleaseAsync(string name, string holder, CancellationToken cancellationToken)
    {
        var now = DbTime.Now(time);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.JobLeases.Where(j => j.Name == name && j.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.NextRunAt, now), cancellationToken) > 0;
    }
}
