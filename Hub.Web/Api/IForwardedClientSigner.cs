namespace Hub.Web.Api;

/// <summary>
/// Vouches for the browser's address when the UI calls the API while rendering on the server: without it every visitor
/// would reach the API from the UI's own (loopback) address and share one rate limit, one brute-force counter and one
/// address in the audit log. The API accepts the forwarded address only with a valid signature (the hub's shared key).
/// </summary>
public interface IForwardedClientSigner
{
    /// <summary>The signature of <paramref name="address"/> sent beside it.</summary>
    string Sign(string address);
}
