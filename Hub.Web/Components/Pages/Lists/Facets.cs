namespace Hub.Web.Components.Pages.Lists;

/// <summary>
/// The facet values the list pages offer. Counts per value need a facet API the hub does not have yet (search issue),
/// so the values are the common ones and the page says counts are not shown.
/// </summary>
public static class Facets
{
    public static readonly string[] Tasks =
    [
        "text-classification", "token-classification", "fill-mask", "feature-extraction", "sentence-similarity",
        "zero-shot-classification", "question-answering", "text-generation", "summarization", "translation",
        "image-classification", "object-detection", "automatic-speech-recognition",
    ];

    public static readonly string[] Libraries = ["transformers", "sentence-transformers", "onnx", "safetensors", "pytorch", "gguf", "diffusers", "timm"];

    public static readonly string[] Licenses = ["apache-2.0", "mit", "cc-by-4.0", "cc-by-sa-4.0", "openrail", "llama3", "other"];

    public static readonly string[] Languages = ["en", "fr", "de", "es", "zh", "ja", "ko", "multilingual"];
}
