using System.Net;
using System.Net.Http.Json;
using Hub.Api.Features.Webhooks;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Security;

/// <summary>
/// Webhooks may not reach cloud metadata services (server-side request forgery): beyond 169.254.169.254 those live at
/// fd00:ec2::254 (AWS over IPv6), 100.100.100.200 (Alibaba Cloud) and 192.0.0.192 (Oracle Cloud), and a forbidden IPv4
/// address must not slip through written as IPv6 (NAT64 64:ff9b::/96, IPv4-compatible ::a.b.c.d, 6to4 2002::/16).
/// </summary>
[Collection(EmbeddedHubCollection.Name)]
public sealed class WebhookTargetTests(EmbeddedHub hub)
{
    public static TheoryData<string> MetadataUrls() =>
    [
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://100.100.100.200/latest/meta-data/",
        "http://192.0.0.192/opc/v1/instance/",
        "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/",
        "http://[::169.254.169.254]/latest/meta-data/",
        "http://[2002:a9fe:a9fe::1]/latest/meta-data/",
        "http://2852039166/latest/meta-data/",
        "http://0xa9fea9fe/latest/meta-data/",
        "http://0.1.2.3/h",
    ];

    [Theory]
    [MemberData(nameof(MetadataUrls))]
    public async Task A_webhook_to_a_cloud_metadata_address_is_refused(string url)
    {
        var (name, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, "wh-" + Guid.NewGuid().ToString("N")[..8]);
        var response = await client.PostAsJsonAsync("api/settings/webhooks", new { url, watched = new[] { new { type = "model", name = repo } } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty((await client.GetFromJsonAsync<object[]>("api/settings/webhooks"))!);
        _ = name;
    }

    [Theory]
    [InlineData("fd00:ec2::254", true)]
    [InlineData("100.100.100.200", true)]
    [InlineData("192.0.0.192", true)]
    [InlineData("64:ff9b::a9fe:a9fe", true)]
    [InlineData("::169.254.169.254", true)]
    [InlineData("2002:a9fe:a9fe::1", true)]
    [InlineData("0.1.2.3", true)]
    [InlineData("10.0.0.5", false)]
    [InlineData("192.168.1.10", false)]
    [InlineData("fd12:3456::1", false)]
    [InlineData("64:ff9b::a00:5", false)]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.9.9.9", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("64:ff9b::7f00:1", true)]
    [InlineData("2001:db8::1", false)]
    public void Resolved_addresses_are_judged_the_same_way(string address, bool forbidden) =>
        Assert.Equal(forbidden, WebhookTargets.IsForbidden(IPAddress.Parse(address)));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void Loopback_is_allowed_only_where_the_hub_is_told_so(string address) =>
        Assert.False(WebhookTargets.IsForbidden(IPAddress.Parse(address), allowLoopback: true));

    [Theory]
    [InlineData("http://127.0.0.1:15000/quitquitquit")]
    [InlineData("http://[::1]:9901/quitquitquit")]
    public async Task A_webhook_to_the_hubs_own_host_is_refused_by_default(string url)
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, "wh-" + Guid.NewGuid().ToString("N")[..8]);
        var response = await client.PostAsJsonAsync("api/settings/webhooks", new { url, watched = new[] { new { type = "model", name = repo } } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
