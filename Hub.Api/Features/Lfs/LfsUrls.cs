using System.Globalization;
using Hub.Api.Http;
using Hub.Api.Security;
using Microsoft.Extensions.Options;

namespace Hub.Api.Features.Lfs;

/// <summary>The signed hub URLs of the LFS transfer endpoints (<see cref="LfsTransferEndpoints"/>).</summary>
public sealed class LfsUrls(UrlSigner signer, PublicUrls urls, IOptions<LfsOptions> options)
{
    private TimeSpan Lifetime => options.Value.UrlLifetime;

    public string Upload(HttpContext context, string sessionId, string repoId) =>
        urls.Base(context) + signer.Sign("PUT", $"/api/lfs/uploads/{sessionId}?repo={repoId}", Lifetime);

    public string Part(HttpContext context, string sessionId, string repoId, int part) =>
        urls.Base(context) + signer.Sign("PUT", $"/api/lfs/uploads/{sessionId}/parts/{part.ToString(CultureInfo.InvariantCulture)}?repo={repoId}", Lifetime);

    public string Complete(HttpContext context, string sessionId, string repoId) =>
        urls.Base(context) + signer.Sign("POST", $"/api/lfs/uploads/{sessionId}/complete?repo={repoId}", Lifetime);

    public string Verify(HttpContext context, string oid, string repoId) =>
        urls.Base(context) + signer.Sign("POST", $"/api/lfs/verify/{oid}?repo={repoId}", Lifetime);

    public string Download(HttpContext context, string oid, string repoId, string fileName) =>
        urls.Base(context) + signer.Sign("GET", $"/api/lfs/objects/{oid}?repo={repoId}&name={Uri.EscapeDataString(fileName)}", Lifetime);

    public int ExpiresInSeconds => (int)Lifetime.TotalSeconds;
}
