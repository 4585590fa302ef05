using System.Collections.Concurrent;

namespace Hub.Api.Security;

/// <summary>
/// In-memory fixed-window counters by key (IP address, token): the window of a key starts at its first hit. Expired
/// windows are swept now and then so idle keys do not accumulate.
/// </summary>
public sealed class FixedWindowCounters(TimeProvider time)
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Window> windows = new(StringComparer.Ordinal);
    private long nextSweep;

    /// <summary>Adds one hit to the key's current window; returns the count including it and when the window ends.</summary>
    public (long Count, TimeSpan ResetIn) Hit(string key, TimeSpan length) => Update(key, length, 1);

    /// <summary>The key's current count without adding to it.</summary>
    public (long Count, TimeSpan ResetIn) Peek(string key, TimeSpan length) => Update(key, length, 0);

    private (long Count, TimeSpan ResetIn) Update(string key, TimeSpan length, int amount)
    {
        var now = time.GetTimestamp();
        SweepIfDue(now);
        var window = windows.GetOrAdd(key, _ => new Window(now));
        lock (window)
        {
            var elapsed = time.GetElapsedTime(window.Start, now);
            if (elapsed >= length)
            {
                window.Start = now;
                window.Count = 0;
                elapsed = TimeSpan.Zero;
            }
            window.Count += amount;
            return (window.Count, length - elapsed);
        }
    }

    private void SweepIfDue(long now)
    {
        var due = Interlocked.Read(ref nextSweep);
        if (now < due || Interlocked.CompareExchange(ref nextSweep, now + (long)(SweepInterval.TotalSeconds * time.TimestampFrequency), due) != due) return;
        foreach (var (key, window) in windows)
        {
            // Windows are at most an hour in practice; anything idle longer than that is gone for good.
            if (time.GetElapsedTime(window.Start, now) > TimeSpan.FromHours(1)) windows.TryRemove(key, out _);
        }
    }

    private sealed class Window(long start)
    {
        public long Start { get; set; } = start;

        public long Count { get; set; }
    }
}
