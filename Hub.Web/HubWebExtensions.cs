using Hub.Web.Api;
using Hub.Web.Components;
using Hub.Web.Components.Pages.Repos;
using Hub.Web.Rendering;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hub.Web;

/// <summary>Registers and maps the web UI (role <c>web</c>): Razor components, their typed API client, static assets.</summary>
public static class HubWebExtensions
{
    public static WebApplicationBuilder AddHubWeb(this WebApplicationBuilder builder)
    {
        // Outside Development and outside a published folder the UI's assets are found through the build's manifest.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section);
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ApiBaseAddress>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddTransient<ForwardCallerHandler>();
        services.AddHttpClient<HubApiClient>((sp, http) =>
            {
                http.BaseAddress = sp.GetRequiredService<ApiBaseAddress>().Get();
                http.Timeout = TimeSpan.FromSeconds(60);
            })
            // Cookies travel as the browser sent them (ForwardCallerHandler) and Set-Cookie comes back to the page.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .AddHttpMessageHandler<ForwardCallerHandler>();
        // Range reads that the hub redirects to storage go there without the caller's credentials.
        services.AddHttpClient<FileRangeReader>(http => http.Timeout = TimeSpan.FromSeconds(60))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddScoped<CurrentUser>();
        services.AddTransient<CommitDiffBuilder>();
        return builder;
    }

    public static WebApplication MapHubWeb(this WebApplication app)
    {
        // A page answering 404 has no body (Blazor leaves it to this), nor has a URL that matches nothing: browsers get
        // the UI's error page in a fresh scope. API and git clients keep their own answers, untouched.
        app.UseStatusCodePagesWithReExecute("/_error/{0}", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            if (!IsPageRequest(context) && context.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
            return next(context);
        });
        // The UI's /{ns}/{name} pages also match /api/... paths no API route takes (POST /api/whoami-v2 answered the
        // antiforgery check's 400): those are the API's to refuse, as a missing route or a method it does not take.
        app.Use((context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
                || context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is null) return next(context);
            var read = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
            context.Response.StatusCode = read ? StatusCodes.Status404NotFound : StatusCodes.Status405MethodNotAllowed;
            return Task.CompletedTask;
        });
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static bool IsPageRequest(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)) return false;
        if (!request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)) return false;
        var path = request.Path.Value ?? "";
        return !path.StartsWith("/api/", StringComparison.Ordinal) && !path.StartsWith("/_", StringComparison.Ordinal);
    }
}
