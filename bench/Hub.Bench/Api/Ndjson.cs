using System.Text;
using System.Text.Json;

namespace Hub.Bench.Api;

/// <summary>An NDJSON commit body of regular files.</summary>
public static class Ndjson
{
    public static StringContent Commit(string summary, params (string Path, byte[] Content)[] files)
    {
        var lines = new List<string> { JsonSerializer.Serialize(new { key = "header", value = new { summary } }) };
        lines.AddRange(files.Select(f => JsonSerializer.Serialize(new { key = "file", value = new { path = f.Path, content = Convert.ToBase64String(f.Content), encoding = "base64" } })));
        return new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson");
    }
}
