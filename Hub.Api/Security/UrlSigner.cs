using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hub.Storage;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Hub.Api.Security;

/// <summary>
/// Signs hub URLs that clients call without credentials (LFS PUTs, part uploads, completions, downloads): HF clients
/// send no Authorization there (hf-api.md §2.7.4). The signature binds method, path and every query value plus an
/// expiry, so a URL grants one action on one object for a short time.
/// </summary>
public sealed class UrlSigner
{
    private readonly byte[] key;
    private readonly TimeProvider time;

    public UrlSigner(IOptions<SigningOptions> options, IConfiguration configuration, TimeProvider time)
    {
        this.time = time;
        key = options.Value.SigningKey is { Length: > 0 } configured ? Convert.FromBase64String(configured) : LoadOrCreate(HubPaths.DataDir(configuration));
        if (key.Length < 32) throw new InvalidOperationException("Hub:Security:SigningKey must be at least 32 bytes (base64).");
    }

    /// <summary>Adds <c>exp</c> and <c>sig</c> to <paramref name="pathAndQuery"/> (relative to the hub's base URL).</summary>
    public string Sign(string method, string pathAndQuery, TimeSpan lifetime)
    {
        var expires = (time.GetUtcNow() + lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var withExp = QueryHelpers.AddQueryString(pathAndQuery, "exp", expires);
        var q = withExp.IndexOf('?', StringComparison.Ordinal);
        var pairs = QueryHelpers.ParseQuery(withExp[q..]).SelectMany(kv => kv.Value.Select(v => KeyValuePair.Create(kv.Key, v ?? "")));
        return QueryHelpers.AddQueryString(withExp, "sig", Mac(method, withExp[..q], pairs));
    }

    /// <summary>True when the request carries a valid, unexpired signature for its method, path and query.</summary>
    public bool Verify(HttpRequest request)
    {
        var query = request.Query;
        if (query["sig"].FirstOrDefault() is not { } sig || !long.TryParse(query["exp"].FirstOrDefault(), CultureInfo.InvariantCulture, out var exp))
            return false;
        if (time.GetUtcNow().ToUnixTimeSeconds() > exp) return false;
        var pairs = query.Where(kv => kv.Key != "sig").SelectMany(kv => kv.Value.Select(v => KeyValuePair.Create(kv.Key, v ?? "")));
        // A HEAD is the GET without its body: a URL signed for GET answers both.
        var method = HttpMethods.IsHead(request.Method) ? "GET" : request.Method;
        var expected = Mac(method, request.Path.ToString(), pairs);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(sig));
    }

    /// <summary>A MAC of <paramref name="value"/> for one <paramref name="purpose"/>, with the key shared by every hub process.</summary>
    public string MacOf(string purpose, string value) =>
        Base64UrlTextEncoder.Encode(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(purpose + "\n" + value)));

    /// <summary>
    /// HMAC over a canonical form (query pairs sorted) so the order a client or proxy keeps does not matter. Keys and
    /// values are percent-encoded in it: raw, a value holding a line break and <c>k=v</c> read the same as two pairs.
    /// </summary>
    private string Mac(string method, string path, IEnumerable<KeyValuePair<string, string>> query)
    {
        var canonical = new StringBuilder(method.ToUpperInvariant()).Append('\n').Append(Uri.EscapeDataString(path));
        foreach (var (k, v) in query.Select(p => KeyValuePair.Create(Uri.EscapeDataString(p.Key), Uri.EscapeDataString(p.Value)))
                     .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
            canonical.Append('\n').Append(k).Append('=').Append(v);
        return Base64UrlTextEncoder.Encode(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    private static byte[] LoadOrCreate(string dataDir)
    {
        var path = Path.Combine(dataDir, "signing.key");
        if (File.Exists(path)) return Convert.FromBase64String(File.ReadAllText(path).Trim());
        Directory.CreateDirectory(dataDir);
        var fresh = RandomNumberGenerator.GetBytes(32);
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(fresh)));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return fresh;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs so URLs signed by either verify on both.
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
    }
}
