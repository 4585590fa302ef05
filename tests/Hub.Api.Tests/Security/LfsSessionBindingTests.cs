using System.Net;
using System.Text;
using System.Text.Json;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Security;

/// <summary>
/// An upload session belongs to the repository that started it: another repository that knows the oid must not finish
/// it (and so link bytes it never had) while the uploader's bytes wait in staging, nor be handed its URLs.
/// </summary>
public sealed class LfsSessionBindingTests(DirectUploadHub hub) : IClassFixture<DirectUploadHub>
{
    [Fact]
    public async Task Another_repository_cannot_finish_or_continue_an_upload_it_did_not_start()
    {
        var (_, ownerToken) = await hub.CreateUserAsync();
        var owner = hub.Client(ownerToken);
        var repo = await HubApi.CreateRepoAsync(owner, LfsClaims.NewName("private"), isPrivate: true);
        var secret = Encoding.UTF8.GetBytes("private weights " + Guid.NewGuid());
        var oid = HubApi.Sha256(secret);
        var upload = await LfsClaims.BatchUploadAsync(owner, repo, oid, secret.Length);
        using (var plain = new HttpClient())
        {
            var put = await plain.PutAsync(upload["actions"]!["upload"]!["href"]!.GetValue<string>(), new ByteArrayContent(secret));
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        // The bytes wait in staging until the owner verifies or commits. Meanwhile another user who knows the oid tries.
        var (_, attackerToken) = await hub.CreateUserAsync();
        var attacker = hub.Client(attackerToken);
        var own = await HubApi.CreateRepoAsync(attacker, LfsClaims.NewName("claim"));
        var theirs = await LfsClaims.BatchUploadAsync(attacker, own, oid, secret.Length);
        if (theirs["actions"]?["verify"]?["href"]?.GetValue<string>() is { } verify)
            Assert.False((await attacker.PostAsync(verify, new StringContent(JsonSerializer.Serialize(new { oid, size = secret.Length }), Encoding.UTF8, "application/json"))).IsSuccessStatusCode);
        var commit = await HubApi.CommitAsync(attacker, own, "claim", [HubApi.LfsFile("stolen.bin", secret)]);
        Assert.Equal(HttpStatusCode.BadRequest, commit.StatusCode);
        Assert.Null((await LfsClaims.BatchDownloadAsync(attacker, own, oid, secret.Length))["actions"]);

        // The owner's upload is intact and finishes.
        var verified = await owner.PostAsync(upload["actions"]!["verify"]!["href"]!.GetValue<string>(),
            new StringContent(JsonSerializer.Serialize(new { oid, size = secret.Length }), Encoding.UTF8, "application/json"));
        Assert.True(verified.IsSuccessStatusCode, await verified.Content.ReadAsStringAsync());
        await HubApi.CommitOkAsync(owner, repo, "weights", HubApi.LfsFile("weights.bin", secret));
    }
}
