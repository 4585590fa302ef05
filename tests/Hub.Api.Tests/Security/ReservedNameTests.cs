using System.Net;
using System.Net.Http.Json;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Security;

/// <summary>
/// <c>/internal/</c> is the hub's own (git hooks, inference workers), where access tokens are not read: a user or
/// organization named <c>internal</c> would own repositories whose URLs live there, and no token would ever reach them.
/// </summary>
[Collection(EmbeddedHubCollection.Name)]
public sealed class ReservedNameTests(EmbeddedHub hub)
{
    [Fact]
    public async Task Internal_is_not_a_user_or_organization_name()
    {
        var (_, token) = await hub.CreateUserAsync();
        var signUp = await hub.Client().PostAsJsonAsync("api/auth/signup", new { username = "internal", password = "correct-horse-battery" });
        Assert.Equal(HttpStatusCode.BadRequest, signUp.StatusCode);
        var org = await hub.Client(token).PostAsJsonAsync("api/organizations/new", new { name = "Internal" });
        Assert.Equal(HttpStatusCode.BadRequest, org.StatusCode);
    }
}
