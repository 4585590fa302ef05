using System.Text.Json.Nodes;
using Hub.Api.Features.Files;
using Hub.Storage.Metadata.Scanning;

namespace Hub.Api.Features.Scanning;

/// <summary>
/// Scan verdicts in the shapes the HF clients read (hf-api.md §2.3, §2.6): <c>securityFileStatus</c> per tree entry —
/// always all three keys <c>status</c>, <c>avScan</c>, <c>pickleImportScan</c> — and <c>securityRepoStatus</c> on
/// repository info. This hub runs no antivirus engine, so <c>avScan.status</c> is <c>unscanned</c>; an extra
/// <c>issues</c> list says what the scanner found.
/// </summary>
public sealed class SecurityStatus(IFileScanStore scans, RepoFiles files)
{
    /// <summary><c>securityFileStatus</c> of each file, by path.</summary>
    public async Task<IReadOnlyDictionary<string, JsonObject>> ForFilesAsync(IEnumerable<RepoFileEntry> entries, CancellationToken ct)
    {
        var list = entries.Where(e => e.IsFile).ToList();
        var known = await scans.GetManyAsync([.. list.Where(e => FileScanner.IsScannable(e.Entry.Path)).Select(ContentKeys.Of)], ct);
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var entry in list)
            result[entry.Entry.Path] = Describe(entry.Entry.Path, known.GetValueOrDefault(ContentKeys.Of(entry)));
        return result;
    }

    /// <summary><c>securityRepoStatus</c> of a revision: whether every scannable file was scanned, and those with findings.</summary>
    public async Task<JsonObject> ForRevisionAsync(string repoId, string commitId, CancellationToken ct)
    {
        var all = await files.ListAllFilesAsync(repoId, commitId, ct);
        var scannable = all.Where(f => FileScanner.IsScannable(f.Entry.Path)).ToList();
        var known = await scans.GetManyAsync([.. scannable.Select(ContentKeys.Of)], ct);
        var withIssues = new JsonArray();
        var done = true;
        foreach (var file in scannable)
        {
            if (!known.TryGetValue(ContentKeys.Of(file), out var verdict))
            {
                done = false;
                continue;
            }
            if (verdict.Status == FileScanStatus.Safe) continue;
            var item = new JsonObject { ["path"] = file.Entry.Path, ["level"] = verdict.Status, ["issues"] = Parse(verdict.Issues) ?? new JsonArray() };
            if (Parse(verdict.PickleImports) is { } imports) item["pickleImports"] = imports;
            withIssues.Add(item);
        }
        return new JsonObject { ["scansDone"] = done, ["filesWithIssues"] = withIssues };
    }

    public static JsonObject Describe(string path, FileScanRecord? verdict)
    {
        var av = new JsonObject { ["status"] = FileScanStatus.Unscanned, ["virusNames"] = null };
        if (!FileScanner.IsScannable(path))
            return new JsonObject { ["status"] = FileScanStatus.Safe, ["avScan"] = av, ["pickleImportScan"] = null };
        if (verdict is null)
            return new JsonObject { ["status"] = FileScanStatus.Unscanned, ["avScan"] = av, ["pickleImportScan"] = null };
        var imports = Parse(verdict.PickleImports);
        return new JsonObject
        {
            ["status"] = verdict.Status,
            ["avScan"] = av,
            ["pickleImportScan"] = imports is null ? null : new JsonObject { ["status"] = verdict.Status, ["pickleImports"] = imports },
            ["issues"] = Parse(verdict.Issues) ?? new JsonArray(),
        };
    }

    private static JsonArray? Parse(string? json) => json is null ? null : JsonNode.Parse(json) as JsonArray;
}
