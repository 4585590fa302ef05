using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Inference.Tests.Infrastructure;

namespace Hub.Inference.Tests;

/// <summary>KServe v2 / Open Inference Protocol on a raw ONNX model with an FP32 and an INT64 input.</summary>
[Collection(InferenceHubCollection.Name)]
public sealed class KServeTests(InferenceHub hub)
{
    private Task<string> TwoInputsAsync() => hub.RepoAsync("two-inputs", () => [new("model.onnx", TinyModels.TwoInputModel(), Lfs: true)]);

    [Fact]
    public async Task Metadata_lists_the_real_inputs_and_outputs_with_variable_dims_as_minus_one()
    {
        var repo = await TwoInputsAsync();
        var name = repo.Replace("/", "--", StringComparison.Ordinal);
        var client = hub.Client(hub.AdminToken);
        var body = JsonNode.Parse(await client.GetStringAsync($"v2/models/{name}"))!;
        Assert.Equal(name, body["name"]!.GetValue<string>());
        Assert.Equal("onnxruntime_onnx", body["platform"]!.GetValue<string>());
        var head = JsonNode.Parse(await client.GetStringAsync($"api/models/{repo}"))!["sha"]!.GetValue<string>();
        Assert.Equal(head, body["versions"]![0]!.GetValue<string>());
        var inputs = body["inputs"]!.AsArray().ToDictionary(i => i!["name"]!.GetValue<string>());
        Assert.Equal("FP32", inputs["x"]!["datatype"]!.GetValue<string>());
        Assert.Equal("INT64", inputs["k"]!["datatype"]!.GetValue<string>());
        Assert.Equal([-1L, 3L], inputs["x"]!["shape"]!.AsArray().Select(d => d!.GetValue<long>()));
        var outputs = body["outputs"]!.AsArray().Select(o => (o!["name"]!.GetValue<string>(), o["datatype"]!.GetValue<string>()));
        Assert.Equal([("y", "FP32"), ("k2", "INT64")], outputs);
        var ready = await client.GetAsync($"v2/models/{name}/versions/{head}/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Infer_runs_two_inputs_of_different_dtypes_and_echoes_the_id()
    {
        var repo = await TwoInputsAsync();
        var name = repo.Replace("/", "--", StringComparison.Ordinal);
        var response = await hub.Client(hub.AdminToken).PostAsJsonAsync($"v2/models/{name}/infer", new
        {
            id = "req-1",
            inputs = new object[]
            {
                new { name = "x", shape = new[] { 2, 3 }, datatype = "FP32", data = new[] { new[] { 0.5, 1.5, -2 }, new[] { 3.25, 0, 1 } } },
                new { name = "k", shape = new[] { 2, 3 }, datatype = "INT64", data = new long[] { 1, 2, 3, -4, 5, 6 } },
            },
        });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal("req-1", body["id"]!.GetValue<string>());
        Assert.Equal(name, body["model_name"]!.GetValue<string>());
        var outputs = body["outputs"]!.AsArray().ToDictionary(o => o!["name"]!.GetValue<string>());
        Assert.Equal([1.5f, 3.5f, 1f, -0.75f, 5f, 7f], outputs["y"]!["data"]!.AsArray().Select(v => v!.GetValue<float>()));
        Assert.Equal([2L, 3L], outputs["y"]!["shape"]!.AsArray().Select(v => v!.GetValue<long>()));
        Assert.Equal("INT64", outputs["k2"]!["datatype"]!.GetValue<string>());
        Assert.Equal([1L, 4, 9, 16, 25, 36], outputs["k2"]!["data"]!.AsArray().Select(v => v!.GetValue<long>()));
    }

    [Fact]
    public async Task Infer_with_a_wrong_datatype_is_a_400_that_names_the_input()
    {
        var repo = await TwoInputsAsync();
        var response = await hub.Client(hub.AdminToken).PostAsJsonAsync($"v2/models/{repo.Replace("/", "--", StringComparison.Ordinal)}/infer", new
        {
            inputs = new object[]
            {
                new { name = "x", shape = new[] { 1, 3 }, datatype = "FP32", data = new[] { 1.0, 2, 3 } },
                new { name = "k", shape = new[] { 1, 3 }, datatype = "FP32", data = new[] { 1.0, 2, 3 } },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'k'", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Health_says_the_worker_is_live_and_ready_and_which_provider_it_runs_on_and_only_admins_see_its_models()
    {
        var client = hub.Client();
        var live = JsonNode.Parse(await client.GetStringAsync("v2/health/live"))!;
        Assert.True(live["live"]!.GetValue<bool>());
        var ready = JsonNode.Parse(await client.GetStringAsync("v2/health/ready"))!;
        Assert.True(ready["ready"]!.GetValue<bool>());
        // CUDA where its libraries load, else the CPU fallback; never anything else.
        Assert.Contains(ready["provider"]!.GetValue<string>(), new[] { "CUDAExecutionProvider", "CPUExecutionProvider" });
        Assert.Equal(ready["provider"]!.GetValue<string>(), live["provider"]!.GetValue<string>());
        // Loaded models name repositories, private ones too: only site admins see them.
        Assert.Null(ready["worker"]);
        Assert.NotNull(JsonNode.Parse(await hub.Client(hub.AdminToken).GetStringAsync("v2/health/ready"))!["worker"]!["loadedModels"]);
    }
}
