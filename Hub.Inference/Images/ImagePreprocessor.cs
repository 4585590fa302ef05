using System.Text.Json.Nodes;
using SkiaSharp;

namespace Hub.Inference.Images;

/// <summary>
/// Turns image bytes into the float tensor of one image as the repo's <c>preprocessor_config.json</c> says, the way HF
/// image processors do: resize (to <c>size.height × size.width</c>, or the shortest edge to <c>size.shortest_edge</c>,
/// divided by <c>crop_pct</c> when there is one), center crop to <c>crop_size</c>, rescale (<c>rescale_factor</c>,
/// 1/255), normalise with <c>image_mean</c>/<c>image_std</c>. Without a config the model's fixed input size is used and
/// the ImageNet mean and deviation. Decoding and resizing are Skia's (bilinear, or bicubic when <c>resample</c> is 3),
/// so values differ from PIL's in the last digits.
/// </summary>
internal sealed class ImagePreprocessor
{
    private const long MaxPixels = 50_000_000;

    private static readonly float[] ImageNetMean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] ImageNetStd = [0.229f, 0.224f, 0.225f];

    private readonly ImageInput input;
    private readonly (int Height, int Width)? exactSize;
    private readonly int? shortestEdge;
    private readonly (int Height, int Width)? crop;
    private readonly float rescale;
    private readonly float[] mean;
    private readonly float[] std;
    private readonly SKSamplingOptions sampling;

    public ImagePreprocessor(ImageInput input, JsonObject? config)
    {
        this.input = input;
        var doResize = Bool(config, "do_resize") ?? true;
        var size = config?["size"];
        var cropPct = Number(config?["crop_pct"]);
        if (!doResize)
        {
        }
        else if (size is JsonObject s && Int(s["height"]) is { } h && Int(s["width"]) is { } w) exactSize = (h, w);
        else if (size is JsonObject e && Int(e["shortest_edge"]) is { } edge) shortestEdge = cropPct is { } pct && edge < 384 ? (int)(edge / pct) : edge;
        else if (Int(size) is { } n) exactSize = (n, n);
        // A shortest-edge resize keeps the aspect ratio, so its images are always cropped to one size (HF's processors
        // that resize so crop too); the model's fixed size, else 224, where the config names no crop size.
        var fallback = input.Height > 0 && input.Width > 0 ? (input.Height, input.Width) : (224, 224);
        if ((Bool(config, "do_center_crop") ?? false) || shortestEdge is not null)
        {
            var cropSize = config?["crop_size"] ?? (shortestEdge is not null ? size : null);
            crop = cropSize switch
            {
                JsonObject c when Int(c["height"]) is { } ch && Int(c["width"]) is { } cw => (ch, cw),
                JsonObject c when Int(c["shortest_edge"]) is { } ce => (ce, ce),
                _ when Int(cropSize) is { } n => (n, n),
                _ => fallback,
            };
        }
        if (exactSize is null && shortestEdge is null) exactSize = fallback;
        (Height, Width) = crop ?? exactSize!.Value;
        if (input.Height > 0 && input.Width > 0 && (Height, Width) != (input.Height, input.Width))
            throw new InvalidOperationException($"The preprocessor config makes {Height}x{Width} images but the model takes {input.Height}x{input.Width}.");
        rescale = Bool(config, "do_rescale") ?? true ? (float)(Number(config?["rescale_factor"]) ?? 1 / 255.0) : 1f;
        var normalize = Bool(config, "do_normalize") ?? true;
        mean = normalize ? Floats(config?["image_mean"]) ?? ImageNetMean : [0, 0, 0];
        std = normalize ? Floats(config?["image_std"]) ?? ImageNetStd : [1, 1, 1];
        sampling = Int(config?["resample"]) == 3 ? new SKSamplingOptions(SKCubicResampler.CatmullRom) : new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None);
    }

    /// <summary>The pixel values of one image, <c>[3, H, W]</c> or <c>[H, W, 3]</c> as the model takes them.</summary>
    public float[] Process(ReadOnlySpan<byte> image)
    {
        using var data = SKData.CreateCopy(image);
        using var codec = SKCodec.Create(data) ?? throw new ArgumentException("The body is not an image that can be decoded (PNG, JPEG, GIF, BMP, WebP).");
        // A few bytes of PNG can claim gigapixels: refuse before allocating them.
        if ((long)codec.Info.Width * codec.Info.Height > MaxPixels)
            throw new ArgumentException($"The image has {codec.Info.Width}x{codec.Info.Height} pixels; at most {MaxPixels / 1_000_000} million are decoded.");
        using var decoded = SKBitmap.Decode(codec) ?? throw new ArgumentException("The image could not be decoded.");
        var (height, width) = exactSize ?? Shortest(decoded.Height, decoded.Width, shortestEdge!.Value);
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var resized = decoded.Resize(info, sampling) ?? throw new ArgumentException("The image could not be resized.");
        var (cropHeight, cropWidth) = (Height, Width);
        var top = (height - cropHeight) / 2;
        var left = (width - cropWidth) / 2;
        var pixels = resized.GetPixelSpan();
        var result = new float[3 * cropHeight * cropWidth];
        var plane = cropHeight * cropWidth;
        for (var y = 0; y < cropHeight; y++)
            for (var x = 0; x < cropWidth; x++)
            {
                var source = ((Math.Clamp(top + y, 0, height - 1) * width) + Math.Clamp(left + x, 0, width - 1)) * 4;
                for (var c = 0; c < 3; c++)
                {
                    var value = (pixels[source + c] * rescale - mean[c]) / std[c];
                    result[input.ChannelsFirst ? c * plane + y * cropWidth + x : (y * cropWidth + x) * 3 + c] = value;
                }
            }
        return result;
    }

    /// <summary>The height of every image fed to the model.</summary>
    public int Height { get; }

    /// <summary>The width of every image fed to the model.</summary>
    public int Width { get; }

    private static (int Height, int Width) Shortest(int height, int width, int edge) =>
        height <= width ? (edge, (int)Math.Round((double)width * edge / height)) : ((int)Math.Round((double)height * edge / width), edge);

    private static bool? Bool(JsonObject? config, string name) => config?[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    private static int? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) ? (int)d : null;

    private static double? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

    private static float[]? Floats(JsonNode? node) =>
        node is JsonArray { Count: 3 } a ? [.. a.Select(x => (float)x!.GetValue<double>())] : node is JsonValue v && v.TryGetValue<double>(out var d) ? [(float)d, (float)d, (float)d] : null;
}
