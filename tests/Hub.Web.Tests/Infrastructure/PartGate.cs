using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Hub.Web.Tests.Infrastructure;

/// <summary>
/// Watches the multipart PUTs a page sends (to presigned S3 part URLs or signed hub part URLs) and can hold some of them
/// in flight, so a test sees progress mid-upload or reloads the page while parts are still travelling.
/// </summary>
public sealed partial class PartGate
{
    private readonly ConcurrentDictionary<int, int> finished = new();
    private readonly ConcurrentQueue<int> sent = new();
    private TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Func<int, bool> hold = _ => false;
    private bool abortHeld;

    /// <summary>Parts whose PUT got a 2xx answer (the part is stored).</summary>
    public IReadOnlyCollection<int> Finished => [.. finished.Keys.Order()];

    /// <summary>Part numbers of every PUT the page started, in order.</summary>
    public IReadOnlyList<int> Sent => [.. sent];

    public static int? PartNumber(string url)
    {
        var match = PartPattern().Match(url);
        return match.Success ? int.Parse(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    public async Task AttachAsync(IPage page)
    {
        await page.RouteAsync(url => PartNumber(url) is not null, async route =>
        {
            var part = PartNumber(route.Request.Url)!.Value;
            if (route.Request.Method == "PUT" && hold(part))
            {
                await release.Task;
                if (abortHeld)
                {
                    try { await route.AbortAsync(); }
                    catch (PlaywrightException) { /* the page that sent it is gone */ }
                    return;
                }
            }
            try { await route.ContinueAsync(); }
            catch (PlaywrightException) { /* the page that sent it is gone */ }
        });
        page.Request += (_, request) =>
        {
            if (request.Method == "PUT" && PartNumber(request.Url) is { } part) sent.Enqueue(part);
        };
        page.Response += (_, response) =>
        {
            if (response.Request.Method == "PUT" && response.Ok && PartNumber(response.Url) is { } part) finished.AddOrUpdate(part, 1, (_, n) => n + 1);
        };
    }

    /// <summary>From now on, PUTs of the parts <paramref name="which"/> selects wait until <see cref="Release"/>.</summary>
    public void Hold(Func<int, bool> which, bool abortWhenReleased)
    {
        release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        (hold, abortHeld) = (which, abortWhenReleased);
    }

    public void Release()
    {
        hold = _ => false;
        release.TrySetResult();
    }

    public void ForgetSent()
    {
        while (sent.TryDequeue(out _)) { }
    }

    public async Task WaitForFinishedAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (finished.Count < count)
            await Task.Delay(100, cts.Token);
    }

    [GeneratedRegex(@"/parts/(\d+)\?|[?&]partNumber=(\d+)")]
    private static partial Regex PartPattern();
}
