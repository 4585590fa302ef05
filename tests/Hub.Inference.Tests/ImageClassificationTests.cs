using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Inference.Tests.Infrastructure;
using SkiaSharp;

namespace Hub.Inference.Tests;

/// <summary>
/// image-classification on a small generated model (sum of the pixel values per channel → linear layer), with the
/// preprocessing of the repo's preprocessor_config.json; one-colour images make the expected scores exact whatever
/// the resampling.
/// </summary>
[Collection(InferenceHubCollection.Name)]
public sealed class ImageClassificationTests(InferenceHub hub)
{
    private static readonly string[] Labels = TinyImageModels.Labels;
    private static readonly float[] Weights = TinyImageModels.Weights;
    private static readonly float[] Bias = TinyImageModels.Bias;

    private static byte[] Model() => TinyImageModels.Model();

    private Task<string> RepoAsync(string name, string preprocessor) => hub.RepoAsync(name, () =>
    [
        new("model.onnx", Model(), Lfs: true),
        new("config.json", TinyModels.Config(Labels, "ViTForImageClassification")),
        new("preprocessor_config.json", Encoding.UTF8.GetBytes(preprocessor)),
        new("README.md", ModelRepos.Card("image-classification")),
    ]);

    [Fact]
    public async Task Raw_image_bytes_are_resized_rescaled_normalised_and_classified()
    {
        var repo = await RepoAsync("tiny-vit", TinyImageModels.Preprocessor);
        using var content = new ByteArrayContent(Png(SKColors.Red, 10, 7));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var response = await hub.Client(hub.AdminToken).PostAsync($"models/{repo}", content);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        // Red after rescale and normalisation with mean 0.5, std 0.5: (1, -1, -1) on each of the 16 pixels.
        var expected = Softmax(Logits([1, -1, -1]));
        var scores = body.AsArray().ToDictionary(s => s!["label"]!.GetValue<string>(), s => s!["score"]!.GetValue<double>());
        Assert.Equal("red", body[0]!["label"]!.GetValue<string>());
        for (var i = 0; i < 3; i++) Assert.Equal(expected[i], scores[Labels[i]], 1e-5);
    }

    [Fact]
    public async Task A_base64_image_with_parameters_goes_through_shortest_edge_resize_and_center_crop()
    {
        var repo = await RepoAsync("tiny-convnext",
            """{"size": {"shortest_edge": 4}, "do_center_crop": true, "crop_size": {"height": 4, "width": 4}, "image_mean": [0.485, 0.456, 0.406], "image_std": [0.229, 0.224, 0.225]}""");
        var image = Convert.ToBase64String(Png(new SKColor(0, 64, 255), 9, 5));
        var body = await PostAsync($"models/{repo}", new { inputs = image, parameters = new { top_k = 1, function_to_apply = "sigmoid" } });
        float[] mean = [0.485f, 0.456f, 0.406f], std = [0.229f, 0.224f, 0.225f];
        var pixel = new[] { 0, 64, 255 }.Select((v, c) => (v / 255.0 - mean[c]) / std[c]).ToArray();
        var logits = Logits(pixel);
        var best = Array.IndexOf(logits, logits.Max());
        var only = Assert.Single(body.AsArray());
        Assert.Equal(Labels[best], only!["label"]!.GetValue<string>());
        Assert.Equal(1 / (1 + Math.Exp(-logits[best])), only["score"]!.GetValue<double>(), 1e-4);
    }

    [Fact]
    public async Task A_body_that_is_no_image_is_a_400()
    {
        var repo = await RepoAsync("tiny-vit-bad", """{"size": {"height": 4, "width": 4}}""");
        using var content = new ByteArrayContent([1, 2, 3, 4, 5]);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        var response = await hub.Client(hub.AdminToken).PostAsync($"models/{repo}", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("image", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    private async Task<JsonNode> PostAsync(string url, object request)
    {
        var response = await hub.Client(hub.AdminToken).PostAsJsonAsync(url, request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    private static byte[] Png(SKColor color, int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(color);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The logits of a one-colour 4x4 image whose every pixel is <paramref name="pixel"/> after preprocessing.</summary>
    private static double[] Logits(double[] pixel)
    {
        var logits = new double[3];
        for (var k = 0; k < 3; k++)
        {
            logits[k] = Bias[k];
            for (var c = 0; c < 3; c++) logits[k] += 16 * pixel[c] * Weights[c * 3 + k];
        }
        return logits;
    }

    private static double[] Softmax(double[] logits)
    {
        var max = logits.Max();
        var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
        return [.. exp.Select(e => e / exp.Sum())];
    }
}
