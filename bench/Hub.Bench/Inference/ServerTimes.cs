using System.Collections.Concurrent;
using System.Diagnostics;

namespace Hub.Bench.Inference;

/// <summary>
/// How long the hub itself took over each request of one route, from ASP.NET Core's request activity (the hub runs in
/// this process): set beside the client's figure, it splits a REST call into the hub's work and the loopback round trip.
/// </summary>
internal sealed class ServerTimes : IDisposable
{
    private readonly ActivityListener listener;
    private readonly ConcurrentQueue<double> times = new();

    public ServerTimes(string route)
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.DisplayName == route) times.Enqueue(activity.Duration.TotalMilliseconds);
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>Milliseconds of the requests finished since the last call.</summary>
    public double[] Take()
    {
        var taken = new List<double>();
        while (times.TryDequeue(out var time)) taken.Add(time);
        return [.. taken];
    }

    public void Dispose() => listener.Dispose();
}
