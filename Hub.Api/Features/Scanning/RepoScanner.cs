using System.Text.Json;
using Hub.Api.Features.Commits;
using Hub.Api.Features.Files;
using Hub.Api.Security;
using Hub.Storage.Blobs;
using Hub.Storage.Metadata.Lfs;
using Hub.Storage.Metadata.Repositories;
using Hub.Storage.Metadata.Scanning;
using Microsoft.Extensions.Options;

namespace Hub.Api.Features.Scanning;

/// <summary>
/// The scanning hook of commits and pushes: new paths checked against <see cref="RepoPathRules"/>, every scannable file
/// (<see cref="FileScanner"/>) scanned before the ref moves, verdicts stored per content, and the admin policy
/// (<see cref="ScanningOptions.Mode"/>) applied. A content already scanned by this scanner version is not read again.
/// </summary>
public sealed class RepoScanner(
    IFileScanStore scans, IBlobStore blobs, ILfsObjectStore objects, IOptionsMonitor<ScanningOptions> options, TimeProvider time, ILogger<RepoScanner> logger)
    : IRepoScanner, IDisposable
{
    /// <summary>Bump when the rules change so contents are scanned again.</summary>
    public const int Version = 1;
    private const int MaxGitBlob = 16 * 1024 * 1024;

    private readonly SemaphoreSlim slots = new(options.CurrentValue.Concurrency, options.CurrentValue.Concurrency);

    private string Mode => options.CurrentValue.Mode;

    public void Dispose() => slots.Dispose();

    public Task CheckCommitAsync(RepositoryRecord repo, IReadOnlyList<CommitOperation> operations, CancellationToken ct) =>
        CheckOperationsAsync(repo.Id, operations, ct);

    /// <summary>The checks of a commit for the files a repository is created with (it holds no LFS object yet).</summary>
    public Task CheckInitialFilesAsync(IReadOnlyList<CommitOperation> operations, CancellationToken ct) => CheckOperationsAsync(null, operations, ct);

    private async Task CheckOperationsAsync(string? repoId, IReadOnlyList<CommitOperation> operations, CancellationToken ct)
    {
        foreach (var op in operations)
        {
            if (op is (CommitFile or CommitLfsFile) && RepoPathRules.Problem(op.Path) is { } problem)
                throw new CommitRejectedException(422, $"Invalid path '{op.Path}': {problem}.");
            // A regular file that reads as an LFS pointer is served as that object: it must be one this repository holds,
            // as for lfsFile operations and pushed pointers (else it names whatever object its writer learnt the oid of).
            if (op is CommitFile { Content.Length: <= LfsPointer.MaxPointerSize } file && LfsPointer.TryParse(file.Content) is { } pointer
                && (repoId is null || (await objects.GetLinkedAsync(repoId, pointer.Oid, ct))?.Size != pointer.Size))
                throw new CommitRejectedException(422, $"{op.Path} is a git-lfs pointer to object {pointer.Oid} ({pointer.Size} bytes), which this repository does not hold. " +
                                                       "Upload the file through the LFS batch API and commit it as an lfsFile.");
        }
        var verdicts = new List<(string Path, FileScanRecord Verdict)>();
        foreach (var op in operations)
        {
            if (!FileScanner.IsScannable(op.Path)) continue;
            var verdict = op switch
            {
                CommitFile file => await ScanContentAsync(ContentKeys.Git(ContentKeys.GitBlobId(file.Content)), op.Path, () => Task.FromResult<Stream>(new MemoryStream(file.Content, writable: false)), ct),
                CommitLfsFile lfs => await ScanLfsAsync(lfs.Oid, op.Path, ct),
                _ => null,
            };
            if (verdict is not null) verdicts.Add((op.Path, verdict));
        }
        if (Refusal(verdicts) is { } refusal) throw new CommitRejectedException(422, refusal);
    }

    public async Task<IReadOnlyList<string>> CheckPushAsync(
        RepositoryRecord repo, string repoPath, IReadOnlyDictionary<string, string> environment, IReadOnlyDictionary<string, string> newObjects, CancellationToken ct)
    {
        var problems = new List<string>();
        foreach (var path in newObjects.Values.Distinct(StringComparer.Ordinal))
        {
            if (RepoPathRules.Problem(path) is { } problem) problems.Add($"{path}: invalid path: {problem}.");
        }
        var scannable = newObjects.Where(o => FileScanner.IsScannable(o.Value)).ToList();
        if (scannable.Count == 0) return problems;
        var described = await GitObjects.DescribeAsync(repoPath, environment, scannable.Select(o => o.Key), ct);
        var blobs = scannable.Where(o => described.TryGetValue(o.Key, out var d) && d.Type == "blob" && d.Size <= MaxGitBlob).ToList();
        var verdicts = new List<(string Path, FileScanRecord Verdict)>();
        var pathsById = blobs.ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
        await GitObjects.ReadBlobsAsync(repoPath, environment, pathsById.Keys, async (id, content) =>
        {
            var path = pathsById[id];
            var verdict = LfsPointer.TryParse(content) is { } pointer
                ? await ScanLfsAsync(pointer.Oid, path, ct)
                : await ScanContentAsync(ContentKeys.Git(id), path, () => Task.FromResult<Stream>(new MemoryStream(content, writable: false)), ct);
            if (verdict is not null) verdicts.Add((path, verdict));
        }, ct);
        if (Refusal(verdicts) is { } refusal) problems.Add(refusal);
        return problems;
    }

    /// <summary>True when the content is held in quarantine (not served).</summary>
    public async Task<bool> IsQuarantinedAsync(string contentKey, CancellationToken ct) =>
        (await scans.GetManyAsync([contentKey], ct)).TryGetValue(contentKey, out var verdict) && verdict.Status == FileScanStatus.Quarantined;

    /// <summary>403 for a file held in quarantine; null when it may be served.</summary>
    public async Task<IResult?> RefuseQuarantinedAsync(RepoFileEntry file, CancellationToken ct)
    {
        if (!FileScanner.IsScannable(file.Entry.Path)) return null;
        var key = ContentKeys.Of(file);
        var found = await scans.GetManyAsync([key], ct);
        return found.TryGetValue(key, out var verdict) && verdict.Status == FileScanStatus.Quarantined
            ? new Http.HfError(403, $"{file.Entry.Path} is quarantined: the hub's security scan found unsafe content in it. Ask an administrator.", "Quarantined")
            : null;
    }

    /// <summary>
    /// Why the commit or push is refused, or null. In quarantine mode an unsafe file stored in git itself is refused too:
    /// quarantine withholds a file from resolve and the LFS batch, but every clone carries the git blobs it reaches.
    /// </summary>
    private string? Refusal(List<(string Path, FileScanRecord Verdict)> verdicts)
    {
        var bad = Mode switch
        {
            "refuse" => verdicts.Where(v => v.Verdict.Status == FileScanStatus.Unsafe).ToList(),
            "quarantine" => verdicts.Where(v => v.Verdict.Status is FileScanStatus.Unsafe or FileScanStatus.Quarantined
                                                 && v.Verdict.ContentKey.StartsWith(ContentKeys.Git(""), StringComparison.Ordinal)).ToList(),
            _ => [],
        };
        if (bad.Count == 0) return null;
        var reasons = bad.Select(v => $"{v.Path}: {FirstIssue(v.Verdict)}");
        return Mode == "refuse"
            ? "Refused by the hub's security scan (unsafe files): " + string.Join("; ", reasons)
            : "Refused by the hub's security scan (unsafe files stored in git, which every clone would carry; unsafe files stored with git-lfs are quarantined instead): "
              + string.Join("; ", reasons);
    }

    private static string FirstIssue(FileScanRecord verdict) =>
        verdict.Issues is { } json && JsonSerializer.Deserialize<List<string>>(json) is [var first, ..] ? first : "unsafe content";

    private async Task<FileScanRecord?> ScanLfsAsync(string oid, string path, CancellationToken ct)
    {
        if (!BlobKeys.IsSha256(oid)) return null;
        var stored = await objects.GetAsync(oid, ct);
        if (stored is not { Verified: true }) return null; // the commit or push is refused for the missing object anyway
        var key = BlobKeys.Lfs(oid);
        return await ScanContentAsync(ContentKeys.Lfs(oid), path, async () =>
            blobs.Kind == "filesystem" ? await blobs.OpenReadAsync(key, null, ct) : new BlobRangeStream(blobs, key, stored.Size, ct), ct);
    }

    private async Task<FileScanRecord> ScanContentAsync(string contentKey, string path, Func<Task<Stream>> open, CancellationToken ct)
    {
        var known = await scans.GetManyAsync([contentKey], ct);
        if (known.TryGetValue(contentKey, out var previous) && previous.ScannerVersion == Version)
        {
            if (Mode == "quarantine" && previous.Status == FileScanStatus.Unsafe)
                await scans.PutAsync(previous = previous with { Status = FileScanStatus.Quarantined }, ct);
            return previous;
        }
        await slots.WaitAsync(ct);
        FileScanResult result;
        try
        {
            var maxBytes = options.CurrentValue.MaxBytesPerFile;
            result = await Task.Run(async () =>
            {
                await using var stream = await open();
                return FileScanner.Scan(path, stream, maxBytes);
            }, ct);
        }
        finally
        {
            slots.Release();
        }
        SecurityTelemetry.FilesScanned.Add(1, new KeyValuePair<string, object?>("status", result.Status));
        if (result.Status != FileScanStatus.Safe)
            logger.LogWarning("Security scan of {Path} ({ContentKey}): {Status}: {Issues}", path, contentKey, result.Status, string.Join("; ", result.Issues.Take(5)));
        var status = result.Status == FileScanStatus.Unsafe && Mode == "quarantine" ? FileScanStatus.Quarantined : result.Status;
        var record = new FileScanRecord(
            contentKey,
            status,
            result.Imports is null ? null : JsonSerializer.Serialize(result.Imports.Select(i => new { module = i.Module, name = i.Name, safety = i.Safety })),
            result.Issues.Count == 0 ? null : JsonSerializer.Serialize(result.Issues.Take(50)),
            Version,
            time.GetUtcNow());
        await scans.PutAsync(record, ct);
        return record;
    }
}
