namespace Hub.Storage.Metadata.Jobs;

/// <summary>
/// Lets one process of many run a periodic job: each run is claimed in the database, and only the claim that finds
/// the job due wins.
/// </summary>
public interface IJobLeaseStore
{
    /// <summary>
    /// True when the job <paramref name="name"/> was due (never run, or its next run time has passed) and this call
    /// claimed the run: the next run is then due <paramref name="interval"/> from now. Of several processes asking at
    /// once exactly one gets true.
    /// </summary>
    Task<bool> TryClaimAsync(string name, string holder, TimeSpan interval, CancellationToken cancellationToken);

    /// <summary>
    /// Ends a claim early: when <paramref name="holder"/> still holds the job, it becomes due again now (a manual run
    /// that finished releases its lease for the next one). Returns false when another holder claimed it meanwhile.
    /// </summary>
    Task<bool> ReleaseAsync(string name, string holder, CancellationToken cancellationToken);
}
