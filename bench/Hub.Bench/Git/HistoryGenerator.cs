using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hub.Bench.Git;

/// <summary>
/// Writes a <c>git fast-import</c> stream of <c>commits</c> commits on <c>refs/heads/main</c> on top of a given commit,
/// each replacing one of 50 files with fresh random (incompressible, undeltifiable) bytes, so the packed history weighs
/// about <c>totalBytes</c>. Every blob stays far below the hub's 10 MB limit for files outside git-lfs.
/// </summary>
public static class HistoryGenerator
{
    private const int Files = 50;

    public static async Task WriteAsync(Stream fastImport, int commits, long totalBytes, string parent, CancellationToken ct)
    {
        var perCommit = (int)Math.Max(1, totalBytes / Math.Max(1, commits));
        var buffer = new byte[perCommit];
        for (var i = 1; i <= commits; i++)
        {
            RandomNumberGenerator.Fill(buffer);
            var message = string.Create(CultureInfo.InvariantCulture, $"Generated commit {i}\n");
            var header = new StringBuilder()
                .Append("commit refs/heads/main\n")
                .Append(CultureInfo.InvariantCulture, $"committer Bench <bench@example.com> {1_700_000_000 + i} +0000\n")
                .Append(CultureInfo.InvariantCulture, $"data {Encoding.UTF8.GetByteCount(message)}\n{message}");
            if (i == 1) header.Append(CultureInfo.InvariantCulture, $"from {parent}\n");
            header.Append(CultureInfo.InvariantCulture, $"M 100644 inline data/part-{i % Files:D3}.bin\ndata {perCommit}\n");
            await fastImport.WriteAsync(Encoding.UTF8.GetBytes(header.ToString()), ct);
            await fastImport.WriteAsync(buffer, ct);
            await fastImport.WriteAsync("\n\n"u8.ToArray(), ct);
        }
        await fastImport.FlushAsync(ct);
    }
}
