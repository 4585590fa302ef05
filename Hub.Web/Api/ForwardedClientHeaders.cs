namespace Hub.Web.Api;

/// <summary>Headers with which the UI forwards the browser's address to the API (see <see cref="IForwardedClientSigner"/>).</summary>
public static class ForwardedClientHeaders
{
    public const string Address = "X-Hub-Client-Address";
    public const string Signature = "X-Hub-Client-Signature";
}
