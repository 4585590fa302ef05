using Hub.Api.Auth;
using Hub.Api.Features;
using Hub.Api.Features.Operations;
using Hub.Api.Features.Inference.Pool;
using Hub.Api.Health;
using Hub.Api.Http;
using Hub.Api.Security;
using Hub.Api.Telemetry;
using Hub.Inference;
using Hub.Storage;
using Hub.Web;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace Hub.Api.Hosting;

/// <summary>Builds and runs the Hub host; tests build it the same way.</summary>
public static class HubApplication
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The application is Hub.Api whoever hosts it (tests, benchmarks), so its static web assets manifest is found.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. args, ConfigFiles.NoWatchArg], ApplicationName = typeof(HubApplication).Assembly.GetName().Name });
        var configFiles = ConfigFiles.ReloadByPolling(builder);
        // Kestrel reads request bodies in blocks of this pool's size: 32 KiB instead of 4 KiB (LFS upload CPU).
        builder.Services.AddSingleton<Microsoft.AspNetCore.Connections.IMemoryPoolFactory<byte>, KestrelMemoryPoolFactory>();
        configure?.Invoke(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<HubOptions>().BindConfiguration(HubOptions.Section).ValidateOnStart();
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingletonTimeProvider();
        services.AddHubStorage(configuration);
        services.AddHubInference();
        services.AddHubTelemetry(configuration);
        services.AddHubHealthChecks();
        // First hosted service: migrations and bootstrap finish before background jobs start.
        services.AddHostedService<StartupTasks>();
        services.AddHubApi();
        services.AddHubOperations();
        services.AddDataProtection().SetApplicationName("hub")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(HubPaths.DataDir(configuration), "keys")));
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "hub_session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            // API callers get status codes, not redirects to a login page.
            o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = 401; return Task.CompletedTask; };
            o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = 403; return Task.CompletedTask; };
        });
        services.AddAuthorization();
        services.AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod().WithExposedHeaders(
            "X-Repo-Commit", "X-Request-Id", "X-Error-Code", "X-Error-Message", "X-Total-Count", "ETag", "Link", "Accept-Ranges",
            "Content-Range", "X-Linked-Size", "X-Linked-Etag", "Location")));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o => o.CustomSchemaIds(t => t.FullName?.Replace('+', '.')));
        if ((configuration.GetSection(HubOptions.Section).Get<HubOptions>() ?? new HubOptions()).HasRole("web")) builder.AddHubWeb();

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(configFiles.Dispose);
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<ErrorBodyMiddleware>();
        app.UseCors();
        app.UseHubSecurity();
        // The one scheme is the UI's session cookie: a request that carries no cookie (API clients, git, inference) is
        // anonymous to it, so it skips the handler and its per-request set-up.
        app.UseWhen(c => c.Request.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.Cookie), b => b.UseAuthentication());
        app.UseMiddleware<CallerMiddleware>();
        app.UseAuthorization();
        app.UseSwagger();
        app.UseSwaggerUI();
        app.MapHubHealth();
        app.MapPrometheusScrapingEndpoint("/metrics");
        var roles = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HubOptions>>().Value;
        if (roles.HasRole("api")) app.MapHubApi();
        if (roles.HasRole("web")) app.MapHubWeb();
        if (roles.HasRole("inference")) app.MapInferenceWorkerEndpoints();
        return app;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.FirstOrDefault() == "migrate")
            return await MigrateCommand.RunAsync(args[1..]);
        await using var app = Build(args);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(", ", app.Urls);
            Console.WriteLine($"Hub is running at {urls} (API docs at /swagger, health at /health)");
        });
        await app.RunAsync();
        return 0;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services) =>
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton(services, TimeProvider.System);
}
