using System.Text;
using System.Text.RegularExpressions;

namespace Hub.Api.Features.Files;

/// <summary>A git-lfs pointer file (hf-api.md §2.5.4): what the git tree stores in place of a large file.</summary>
public sealed partial record LfsPointer(string Oid, long Size, int PointerSize)
{
    /// <summary>Pointer files are small; anything larger is a regular file.</summary>
    public const int MaxPointerSize = 1024;

    public static string Format(string oid, long size) =>
        $"version https://git-lfs.github.com/spec/v1\noid sha256:{oid}\nsize {size}\n";

    public static LfsPointer? TryParse(ReadOnlySpan<byte> content)
    {
        if (content.Length > MaxPointerSize) return null;
        var text = Encoding.UTF8.GetString(content);
        var match = PointerRegex().Match(text);
        return match.Success && long.TryParse(match.Groups[2].ValueSpan, out var size)
            ? new LfsPointer(match.Groups[1].Value, size, content.Length)
            : null;
    }

    [GeneratedRegex(@"\Aversion https://git-lfs\.github\.com/spec/v1\r?\n(?:[a-z0-9.-]+ [^\r\n]*\r?\n)*?oid sha256:([0-9a-f]{64})\r?\n(?:[a-z0-9.-]+ [^\r\n]*\r?\n)*?size ([0-9]{1,19})\r?\n?(?:[a-z0-9.-]+ [^\r\n]*\r?\n?)*\z")]
    private static partial Regex PointerRegex();
}
