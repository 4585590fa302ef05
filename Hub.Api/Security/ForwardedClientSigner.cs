using Hub.Web.Api;

namespace Hub.Api.Security;

/// <summary>Signs the browser address the UI forwards to the API, with the hub's shared signing key.</summary>
public sealed class ForwardedClientSigner(UrlSigner signer) : IForwardedClientSigner
{
    private const string Purpose = "forwarded-client";

    public string Sign(string address) => signer.MacOf(Purpose, address);

    public bool IsValid(string address, string signature) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(Sign(address)), System.Text.Encoding.ASCII.GetBytes(signature));
}
