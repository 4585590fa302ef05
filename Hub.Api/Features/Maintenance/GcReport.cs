namespace Hub.Api.Features.Maintenance;

/// <summary>What a garbage collection found (dry run) or reclaimed.</summary>
public sealed class GcReport
{
    public bool DryRun { get; init; }

    public int RepositoriesScanned { get; set; }

    public int LfsObjectsExamined { get; set; }

    public int ReferencedObjects { get; set; }

    /// <summary>Unreferenced LFS objects older than the grace period: to delete (dry run) or deleted.</summary>
    public List<GcObject> Unreferenced { get; } = [];

    public long UnreferencedBytes => Unreferenced.Sum(o => o.Size);

    /// <summary>Fenced off, then found referenced by a commit that landed meanwhile: kept.</summary>
    public List<string> Restored { get; } = [];

    public int Deleted { get; set; }

    public long DeletedBytes { get; set; }

    public int ExpiredUploadSessions { get; set; }

    public List<string> Errors { get; } = [];
}
