namespace Hub.Api.Features.Inference;

/// <summary>Every public inference route: the HF task API, KServe v2 and the OpenAI/TEI embeddings.</summary>
public static class InferenceEndpoints
{
    public static IEndpointRouteBuilder MapInferenceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapTaskEndpoints();
        app.MapKServeEndpoints();
        app.MapEmbeddingEndpoints();
        return app;
    }
}
