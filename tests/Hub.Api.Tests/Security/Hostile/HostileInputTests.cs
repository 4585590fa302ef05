using System.Net;

namespace Hub.Api.Tests.Security.Hostile;

/// <summary>
/// Every hostile input gets a 4xx that says what is wrong — never a 5xx, never a success — and leaves the target
/// repository exactly as it was: same refs, same indexed head, <c>git fsck --strict</c> clean.
/// </summary>
[Trait("Category", "Security")]
public sealed class HostileInputTests(HostileFixture fixture) : IClassFixture<HostileFixture>
{
    public static TheoryData<string> Cases => HostileCases.Names();

    [Fact]
    public void The_suite_has_at_least_300_cases() => Assert.True(HostileCases.ByName.Count >= 300, $"{HostileCases.ByName.Count} cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hostile_input_is_refused_with_a_4xx_and_changes_nothing(string name)
    {
        var hostile = HostileCases.ByName[name];
        var before = await fixture.StateAsync();
        var client = fixture.Hub.Client(hostile.Anonymous ? null : fixture.Token);
        using var request = await hostile.Build(fixture);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{name}: {status} {body[..Math.Min(body.Length, 500)]}");
        if (!hostile.KestrelLevel)
        {
            var message = response.Headers.TryGetValues("X-Error-Message", out var values) ? values.Single() : body;
            Assert.True(message.Trim().Length > 3, $"{name}: {status} without a message");
        }
        var after = await fixture.StateAsync();
        Assert.Equal(before.Refs, after.Refs);
        Assert.Equal(before.IndexedHead, after.IndexedHead);
        Assert.Equal("clean", after.Fsck);
    }

    [Fact]
    public async Task Paths_info_omits_hostile_paths_instead_of_reading_them()
    {
        var response = await fixture.Hub.Client(fixture.Token).PostAsync($"api/models/{fixture.Repo}/paths-info/main",
            new FormUrlEncodedContent(HostileCases.BadPaths.Where(p => !p.Contains('\0', StringComparison.Ordinal)).Select(p => KeyValuePair.Create("paths", p))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
    }
}
