using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;
using Hub.Inference.Tests.Infrastructure;
using Hub.Testing;

namespace Hub.Inference.Tests;

/// <summary>On PostgreSQL + Ceph RGW: the model's LFS weights come from S3 into the worker's cache.</summary>
[Collection(ProductionHubCollection.Name)]
public sealed class ProductionHubTests(ProductionHub hub)
{
    [Fact]
    public async Task MiniLM_stored_in_s3_serves_embeddings_with_the_reference_cosine()
    {
        var client = hub.Client(hub.AdminToken);
        var repo = await ModelRepos.UploadAsync(client, "minilm-s3", MiniLm.RepoFiles("sentence-similarity"));
        var response = await client.PostAsJsonAsync($"models/{repo}", new { inputs = new { source_sentence = Vectors.Food, sentences = new[] { Vectors.Bread } } });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(Vectors.ExpectedCosine, body[0]!.GetValue<double>(), 0.005);
    }
}
