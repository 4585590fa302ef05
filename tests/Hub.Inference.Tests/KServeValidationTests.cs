using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Inference.Tests.Infrastructure;

namespace Hub.Inference.Tests;

/// <summary>KServe v2 requests that cannot run: each is a 4xx in <c>{"error"}</c> that names what is wrong, never a 500.</summary>
[Collection(InferenceHubCollection.Name)]
public sealed class KServeValidationTests(InferenceHub hub)
{
    private Task<string> TwoInputsAsync() => hub.RepoAsync("two-inputs", () => [new("model.onnx", TinyModels.TwoInputModel(), Lfs: true)]);

    private static string X(string shape, string data, string datatype = "FP32") => $"{{\"name\": \"x\", \"shape\": {shape}, \"datatype\": \"{datatype}\", \"data\": {data}}}";

    private const string K = "{\"name\": \"k\", \"shape\": [1, 3], \"datatype\": \"INT64\", \"data\": [1, 2, 3]}";

    [Fact]
    public async Task Infer_requests_with_wrong_shapes_data_or_names_are_400s_that_say_what_is_wrong()
    {
        var repo = await TwoInputsAsync();
        var url = $"v2/models/{repo.Replace("/", "--", StringComparison.Ordinal)}/infer";
        var client = hub.Client(hub.AdminToken);
        var cases = new (string Body, string Names)[]
        {
            ($"{{\"inputs\": [{X("[1, 3]", "[1, 2]")}, {K}]}}", "'x'"),
            ($"{{\"inputs\": [{X("[1, 4]", "[1, 2, 3, 4]")}, {K}]}}", "'x'"),
            ($"{{\"inputs\": [{X("[3]", "[1, 2, 3]")}, {K}]}}", "'x'"),
            ($"{{\"inputs\": [{X("[1, 3]", "[\"a\", \"b\", \"c\"]", "BYTES")}, {K}]}}", "'x'"),
            ($"{{\"inputs\": [{X("[1, 3]", "[\"a\", 2, 3]")}, {K}]}}", "'x'"),
            ($"{{\"inputs\": [{X("[1, 3]", "[1, 2, 3]", "FP99")}, {K}]}}", "'x'"),
            ($"{{\"inputs\": [{X("[1, 3]", "[1, 2, 3]")}]}}", "input(s): k"),
            ($"{{\"inputs\": [{X("[1, 3]", "[1, 2, 3]")}, {K}, {{\"name\": \"z\", \"shape\": [1], \"datatype\": \"FP32\", \"data\": [1]}}]}}", "'z'"),
            ($"{{\"inputs\": [{X("[1, 3]", "[1, 2, 3]")}, {K}], \"outputs\": [{{\"name\": \"nope\"}}]}}", "'nope'"),
            ($"{{\"inputs\": [{X("[1, 3]", "[1, 2, 3]")}, {K}], \"outputs\": [{{\"name\": 5}}]}}", "name"),
            ("{\"inputs\": {\"x\": 1}}", "inputs"),
            ($"{{\"inputs\": [{X("[1, 3]", "[1, 2, 3]")}, {{\"name\": \"k\", \"shape\": [1, 3], \"datatype\": \"INT64\", \"data\": [1, 2, 1e30]}}]}}", "'k'"),
            ($"{{\"inputs\": [{X("[-1, 3]", "[1, 2, 3]")}, {K}]}}", "'x'"),
        };
        foreach (var (body, names) in cases)
        {
            var response = await client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body} -> {(int)response.StatusCode}: {text}");
            Assert.Contains(names, JsonNode.Parse(text)!["error"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Outputs_filter_returns_only_the_named_output_and_the_version_is_the_commit()
    {
        var repo = await TwoInputsAsync();
        var name = repo.Replace("/", "--", StringComparison.Ordinal);
        var client = hub.Client(hub.AdminToken);
        var head = JsonNode.Parse(await client.GetStringAsync($"api/models/{repo}"))!["sha"]!.GetValue<string>();
        var body = $"{{\"inputs\": [{X("[1, 3]", "[1, 2, 3]")}, {K}], \"outputs\": [{{\"name\": \"k2\"}}]}}";
        var response = await client.PostAsync($"v2/models/{name}/versions/{head}/infer", new StringContent(body, Encoding.UTF8, "application/json"));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, answer.ToJsonString());
        Assert.Equal(head, answer["model_version"]!.GetValue<string>());
        Assert.Equal("k2", Assert.Single(answer["outputs"]!.AsArray())!["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"v2/models/{name}/versions/{new string('0', 40)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"v2/models/{name}/versions/no-such-branch/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("v2/models/no-double-dash")).StatusCode);
    }
}
