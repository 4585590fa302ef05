using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Hub.Api.Features.Scanning;

/// <summary>
/// Batch reads of git objects through <c>git cat-file</c>, in a given object environment (a push's quarantine is not
/// visible to the repository store until the push lands).
/// </summary>
public static class GitObjects
{
    /// <summary>Type and size of each object id (missing ones are left out).</summary>
    public static async Task<Dictionary<string, (string Type, long Size)>> DescribeAsync(
        string repoPath, IReadOnlyDictionary<string, string> environment, IEnumerable<string> ids, CancellationToken ct)
    {
        var result = new Dictionary<string, (string, long)>(StringComparer.Ordinal);
        await RunAsync(repoPath, environment, ["cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)"], ids, async output =>
        {
            using var reader = new StreamReader(output, Encoding.UTF8);
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (line.Split(' ') is [var id, var type, var size] && long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    result[id] = (type, n);
            }
        }, ct);
        return result;
    }

    /// <summary>Every blob in the repository's object store (reachable or not) with its size.</summary>
    public static async Task<List<(string Id, long Size)>> ListBlobsAsync(string repoPath, CancellationToken ct)
    {
        var result = new List<(string, long)>();
        await RunAsync(repoPath, new Dictionary<string, string>(), ["cat-file", "--batch-all-objects", "--unordered", "--batch-check=%(objectname) %(objecttype) %(objectsize)"], [], async output =>
        {
            using var reader = new StreamReader(output, Encoding.UTF8);
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (line.Split(' ') is [var id, "blob", var size] && long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    result.Add((id, n));
            }
        }, ct);
        return result;
    }

    /// <summary>Calls <paramref name="onBlob"/> with the content of each blob (callers keep them small: they are read whole).</summary>
    public static Task ReadBlobsAsync(
        string repoPath, IReadOnlyDictionary<string, string> environment, IReadOnlyCollection<string> ids, Func<string, byte[], Task> onBlob, CancellationToken ct) =>
        ids.Count == 0 ? Task.CompletedTask : RunAsync(repoPath, environment, ["cat-file", "--batch"], ids, async output =>
        {
            var header = new List<byte>();
            while (true)
            {
                header.Clear();
                var b = new byte[1];
                while (await output.ReadAsync(b, ct) == 1 && b[0] != (byte)'\n') header.Add(b[0]);
                if (header.Count == 0) return;
                var parts = Encoding.ASCII.GetString([.. header]).Split(' ');
                if (parts is not [var id, _, var sizeText] || !int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                    return; // "<id> missing"
                var content = new byte[size];
                await output.ReadExactlyAsync(content, ct);
                await output.ReadExactlyAsync(b, ct); // the newline after the content
                await onBlob(id, content);
            }
        }, ct);

    private static async Task RunAsync(
        string repoPath, IReadOnlyDictionary<string, string> environment, string[] args, IEnumerable<string> input, Func<Stream, Task> readOutput, CancellationToken ct)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(repoPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        foreach (var (k, v) in environment) start.Environment[k] = v;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("git could not be started.");
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            var feed = Task.Run(async () =>
            {
                try
                {
                    await using var stdin = process.StandardInput;
                    foreach (var id in input) await stdin.WriteLineAsync(id.AsMemory(), ct);
                }
                catch (IOException)
                {
                    // git stopped reading; its exit code and error say why.
                }
            }, ct);
            await readOutput(new BufferedStream(process.StandardOutput.BaseStream, 1 << 16));
            await feed;
            await process.WaitForExitAsync(ct);
        }
        catch (Exception) when (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0) throw new InvalidDataException($"git {args[0]} failed: {(await stderr).Trim()}");
    }
}
