using System.Security.Cryptography;
using System.Text;

namespace Hub.Api.Auth;

/// <summary>Access token format: <c>hf_</c> + 34 letters and digits (the HF clients require the prefix); stored as SHA-256.</summary>
public static class AccessTokens
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string NewSecret() => "hf_" + RandomNumberGenerator.GetString(Alphabet, 34);

    /// <summary>Lower-case hex SHA-256: tokens are long random secrets, so a fast hash is enough (no password stretching).</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string DisplayPrefix(string token) => token[..Math.Min(token.Length, 7)];

    public static bool LooksLikeToken(string value) =>
        value.StartsWith("hf_", StringComparison.Ordinal) && value.Length is >= 10 and <= 128 && value.All(c => c == '_' || char.IsAsciiLetterOrDigit(c));
}
