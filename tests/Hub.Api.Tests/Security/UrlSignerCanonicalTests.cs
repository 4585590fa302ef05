using Hub.Api.Security;
using Hub.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Security;

/// <summary>
/// A signature binds one query exactly: a signed value that contains a line break and <c>key=value</c> (a file name
/// is one day signed into a download URL) must not verify as extra parameters, or a URL for one repository becomes a
/// URL for another.
/// </summary>
[Collection(EmbeddedHubCollection.Name)]
public sealed class UrlSignerCanonicalTests(EmbeddedHub hub)
{
    private static HttpRequest Request(string method, string pathAndQuery)
    {
        var context = new DefaultHttpContext();
        var q = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        context.Request.Method = method;
        context.Request.Path = pathAndQuery[..q];
        context.Request.QueryString = new QueryString(pathAndQuery[q..]);
        return context.Request;
    }

    [Fact]
    public void A_signed_value_cannot_be_split_into_other_parameters()
    {
        var signer = hub.Services.GetRequiredService<UrlSigner>();
        var signed = signer.Sign("GET", "/api/lfs/objects/abc?repo=r1&name=" + Uri.EscapeDataString("n\nrepo=r0"), TimeSpan.FromMinutes(5));
        Assert.True(signer.Verify(Request("GET", signed)));

        var query = QueryHelpers.ParseQuery(signed[signed.IndexOf('?', StringComparison.Ordinal)..]);
        KeyValuePair<string, string?>[] pairs = [new("repo", "r0"), new("repo", "r1"), new("name", "n"), new("exp", query["exp"].ToString()), new("sig", query["sig"].ToString())];
        var forged = QueryHelpers.AddQueryString("/api/lfs/objects/abc", pairs);
        Assert.False(signer.Verify(Request("GET", forged)));
    }
}
