using System.Net;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Security.Matrix;

/// <summary>
/// Every surface × every caller × every repository kind answers exactly what the policy says, and refusals leak
/// nothing: a repository the caller may not see answers byte for byte like one that does not exist, no refused answer
/// carries file contents or download URLs, and lists never show what their caller may not see.
/// </summary>
[Trait("Category", "Security")]
public sealed class AuthorizationMatrixTests(MatrixFixture fixture) : IClassFixture<MatrixFixture>
{
    public static TheoryData<string, string, string> Cells => MatrixCases.All();

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Cell_answers_as_the_policy_says(string surfaceName, string caller, string repoKind)
    {
        var surface = MatrixCases.Surfaces.Single(s => s.Name == surfaceName);
        var (status, code) = MatrixCases.Expected(surface, caller, repoKind);
        var client = fixture.Hub.Client(fixture.Tokens[caller]);
        var target = fixture.Repos[repoKind];
        if (surface.Name == "delete" && status == 200)
            target = await HubApi.CreateRepoAsync(fixture.Hub.Client(fixture.OwnerToken), $"victim-{Guid.NewGuid():N}"[..20], isPrivate: repoKind == "private", organization: fixture.Org);

        using var response = await client.SendAsync(await surface.Build(fixture, repoKind, target));
        var body = await response.Content.ReadAsStringAsync();
        var where = $"{surfaceName} as {caller} on {repoKind}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}";

        if (code is "listed" or "absent")
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, where);
            Assert.True(body.Contains(target, StringComparison.Ordinal) == (code == "listed"), where);
            return;
        }
        Assert.True((int)response.StatusCode == status, where);
        var errorCode = response.Headers.TryGetValues("X-Error-Code", out var codes) ? codes.Single() : null;
        if (!surface.LfsShape && status >= 400) Assert.True(code == errorCode, $"{where} (X-Error-Code {errorCode}, expected {code})");
        if (status < 400)
        {
            await CheckAllowedAsync(surface, body, where);
            return;
        }
        // Refused: nothing of the repository's content leaks out.
        Assert.DoesNotContain(MatrixFixture.Marker, body, StringComparison.Ordinal);
        Assert.DoesNotContain("href", body, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.LfsOids[repoKind] + "/", body, StringComparison.Ordinal);
        if (code == "RepoNotFound")
        {
            // Exactly the answer for a repository that was never created.
            var missing = $"{fixture.Org}/missing-{Guid.NewGuid():N}"[..(fixture.Org.Length + 20)];
            using var reference = await client.SendAsync(await surface.Build(fixture, repoKind, missing));
            Assert.Equal(reference.StatusCode, response.StatusCode);
            Assert.Equal(await reference.Content.ReadAsStringAsync(), body);
            Assert.Equal(reference.Headers.TryGetValues("X-Error-Code", out var c) ? c.Single() : null, errorCode);
        }
        if (surface.Name == "delete")
            Assert.Equal(HttpStatusCode.OK, (await fixture.Hub.Client(fixture.Tokens["admin"]).GetAsync($"api/models/{target}")).StatusCode);
    }

    private async Task CheckAllowedAsync(MatrixCases.Surface surface, string body, string where)
    {
        switch (surface.Name)
        {
            case "resolve" or "raw":
                Assert.Contains(MatrixFixture.Marker, body, StringComparison.Ordinal);
                break;
            case "lfs-batch-download":
                Assert.True(JsonNode.Parse(body)!["objects"]![0]!["actions"]?["download"]?["href"] is not null, where);
                break;
            case "tree":
                var files = JsonNode.Parse(body)!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "file");
                Assert.All(files, f => Assert.NotNull(f!["securityFileStatus"]?["avScan"]));
                break;
            case "repo-info-revision":
                Assert.NotNull(JsonNode.Parse(body)!["securityRepoStatus"]?["scansDone"]);
                break;
        }
        await Task.CompletedTask;
    }
}
