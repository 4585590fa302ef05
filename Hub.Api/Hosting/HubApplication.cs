using Hub.Storage;

namespace Hub.Api.Hosting;

/// <summary>Builds and runs the Hub host; tests build it the same way.</summary>
public static class HubApplication
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.Services.AddHubStorage(builder.Configuration);
        var app = builder.Build();
        app.MapGet("/alive", () => TypedResults.Ok("alive"));
        return app;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        await using var app = Build(args);
        await app.RunAsync();
        return 0;
    }
}
