using System.Net;
using System.Net.Http.Json;
using Hub.Inference.Tests.Infrastructure;

namespace Hub.Inference.Tests;

/// <summary>Inference needs read access to the repo, exactly like downloads.</summary>
[Collection(InferenceHubCollection.Name)]
public sealed class AccessTests(InferenceHub hub)
{
    [Fact]
    public async Task A_private_model_is_not_found_for_strangers_and_anonymous_callers_but_runs_for_its_owner()
    {
        var owner = await hub.CreateUserAsync();
        var stranger = await hub.CreateUserAsync();
        var repo = await ModelRepos.UploadAsync(hub.Client(owner.Token), "private-sentiment",
        [
            new("model.onnx", TinyModels.TextClassifier()),
            new("vocab.txt", TinyModels.VocabTxt),
            new("README.md", ModelRepos.Card("text-classification")),
        ], isPrivate: true);
        var v2 = repo.Replace("/", "--", StringComparison.Ordinal);

        foreach (var (client, status) in new[] { (hub.Client(stranger.Token), HttpStatusCode.NotFound), (hub.Client(), HttpStatusCode.Unauthorized) })
        {
            Assert.Equal(status, (await client.PostAsJsonAsync($"models/{repo}", new { inputs = "great" })).StatusCode);
            Assert.Equal(status, (await client.PostAsJsonAsync("v1/embeddings", new { model = repo, input = "great" })).StatusCode);
            Assert.Equal(status, (await client.GetAsync($"v2/models/{v2}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await hub.Client(owner.Token).PostAsJsonAsync($"models/{repo}", new { inputs = "great" })).StatusCode);
    }

    [Fact]
    public async Task A_model_made_private_is_refused_on_the_next_call_though_its_access_check_was_just_reused()
    {
        var owner = await hub.CreateUserAsync();
        var repo = await ModelRepos.UploadAsync(hub.Client(owner.Token), "soon-private",
        [
            new("model.onnx", TinyModels.TextClassifier()),
            new("vocab.txt", TinyModels.VocabTxt),
            new("README.md", ModelRepos.Card("text-classification")),
        ]);
        var anonymous = hub.Client();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync($"models/{repo}", new { inputs = "great" })).StatusCode);

        var settings = await hub.Client(owner.Token).PutAsJsonAsync($"api/models/{repo}/settings", new { @private = true });
        Assert.True(settings.IsSuccessStatusCode, await settings.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"models/{repo}", new { inputs = "great" })).StatusCode);
    }
}
