using System.Text;
using System.Text.RegularExpressions;

namespace Hub.Inference.Models;

/// <summary>Reads the oid of a git-lfs pointer (hf-api.md §2.5.4); Hub.Inference reads model files without Hub.Api.</summary>
internal static partial class LfsPointerText
{
    public const int MaxPointerSize = 1024;

    public static (string Oid, long Size)? TryParse(ReadOnlySpan<byte> content)
    {
        if (content.Length > MaxPointerSize) return null;
        var match = PointerRegex().Match(Encoding.UTF8.GetString(content));
        return match.Success && long.TryParse(match.Groups[2].ValueSpan, out var size) ? (match.Groups[1].Value, size) : null;
    }

    [GeneratedRegex(@"\Aversion https://git-lfs\.github\.com/spec/v1\r?\n(?:[a-z0-9.-]+ [^\r\n]*\r?\n)*?oid sha256:([0-9a-f]{64})\r?\n(?:[a-z0-9.-]+ [^\r\n]*\r?\n)*?size ([0-9]{1,19})\r?\n?(?:[a-z0-9.-]+ [^\r\n]*\r?\n?)*\z")]
    private static partial Regex PointerRegex();
}
