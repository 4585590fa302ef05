using Hub.Web.Api;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace Hub.Web.Components;

/// <summary>A server-rendered page: the request's cancellation, its status code, the API client and the signed-in user.</summary>
public abstract class HubPage : ComponentBase
{
    [CascadingParameter]
    public HttpContext? HttpContext { get; set; }

    [Inject]
    protected HubApiClient Api { get; set; } = default!;

    [Inject]
    protected CurrentUser Current { get; set; } = default!;

    [Inject]
    protected TimeProvider Time { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>True once <see cref="LoadAsync"/> finished: pages render nothing before (a render happens at its first await).</summary>
    protected bool Ready { get; private set; }

    protected sealed override async Task OnInitializedAsync()
    {
        await LoadAsync();
        Ready = true;
    }

    /// <summary>What the page loads before it renders.</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;

    protected CancellationToken Aborted => HttpContext?.RequestAborted ?? CancellationToken.None;

    protected DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Sets the response status while it can still be set (before streaming starts).</summary>
    protected void SetStatus(int statusCode)
    {
        if (HttpContext is { Response.HasStarted: false } context) context.Response.StatusCode = statusCode;
    }

    /// <summary>
    /// The status of a form post the API refused. Never 404: Blazor sends a 404 page without a body, and only GETs are
    /// re-executed into the error page, so a refused post keeps its message with 400 instead.
    /// </summary>
    protected void SetFormErrorStatus(int apiStatus) => SetStatus(apiStatus is 404 or < 400 or >= 600 ? 400 : apiStatus);

    /// <summary>The path and query of this request, to come back to after signing in.</summary>
    protected string ReturnUrl => "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
}
