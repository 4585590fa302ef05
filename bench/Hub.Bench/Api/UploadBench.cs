using System.Diagnostics;
using System.Security.Cryptography;

namespace Hub.Bench.Api;

/// <summary>
/// Issue 3's upload figure: one object through the batch API (parts through the hub, hashed on the way) against a
/// direct S3 multipart PUT of the same bytes, same part size and parallelism, and, to say how much of the gap is the
/// relaying itself on this machine, the same PUT through a bare socket relay (<see cref="BareRelay"/>). Several rounds,
/// each path once per round, the order turning each round, a fresh object each round; each path's fastest round is compared
/// (the one least disturbed by the store's own background work, which lands on whichever upload runs then).
/// </summary>
internal static class UploadBench
{
    private const int Parallel = 4;

    public sealed record Result(string Oid, TimeSpan DirectPut);

    private sealed record Run(TimeSpan Time, double Busy);

    public static async Task<Result> RunAsync(HttpClient http, BenchHub hub, string repo, DirectS3 direct, long size, long chunk, int rounds, CancellationToken ct)
    {
        await using var relay = new BareRelay(new Uri(BenchHub.Env("HUB_TEST_S3_URL")!));
        await WarmUpAsync(http, hub, repo, direct, relay, chunk, ct);
        var file = Path.Combine(Path.GetTempPath(), $"hub-api-bench-{Guid.NewGuid():N}.bin");
        var (directRuns, hubRuns, relayRuns) = (new List<Run>(), new List<Run>(), new List<Run>());
        var phases = new List<(TimeSpan Batch, TimeSpan Parts, TimeSpan Completion)>();
        var (directCpu, hubCpu) = (new List<TimeSpan>(), new List<TimeSpan>());
        var oid = "";
        try
        {
            for (var round = 1; round <= Math.Max(1, rounds); round++)
            {
                oid = await RandomFile.WriteAsync(file, size, ct);
                await ApiBenchmark.JitQuietAsync(ct);
                await Rounds.InTurnAsync(round,
                    async () =>
                    {
                        var cpu = ApiBenchmark.CpuTime();
                        directRuns.Add(await MeasureAsync(() => direct.MultipartPutAsync(file, chunk, Parallel, ct)));
                        directCpu.Add(ApiBenchmark.CpuTime() - cpu);
                    },
                    async () =>
                    {
                        var cpu = ApiBenchmark.CpuTime();
                        var roundOid = oid;
                        hubRuns.Add(await MeasureAsync(async () => phases.Add(await LfsUpload.UploadAsync(http, hub.Url, repo, file, roundOid, size, Parallel, ct))));
                        hubCpu.Add(ApiBenchmark.CpuTime() - cpu);
                    },
                    async () => relayRuns.Add(await MeasureAsync(() => direct.MultipartPutAsync(file, chunk, Parallel, ct, relay))));
                Console.WriteLine($"  round {round}: direct {directRuns[^1].Time.TotalSeconds:F2} s, hub {hubRuns[^1].Time.TotalSeconds:F2} s " +
                                  $"(batch {phases[^1].Batch.TotalSeconds:F2}, parts {phases[^1].Parts.TotalSeconds:F2}, completion {phases[^1].Completion.TotalSeconds:F2}), " +
                                  $"bare relay {relayRuns[^1].Time.TotalSeconds:F2} s; this process's CPU {hubCpu[^1].TotalSeconds:F2} s through the hub, {directCpu[^1].TotalSeconds:F2} s direct; load {ApiBenchmark.LoadAverage()}");
            }
        }
        finally
        {
            File.Delete(file);
        }
        var (bestDirect, bestHub, bestRelay) = (Fastest(directRuns), Fastest(hubRuns), Fastest(relayRuns));
        var hubRound = hubRuns.IndexOf(bestHub);
        ApiBenchmark.Report($"upload 1 object: batch API, parts through the hub (hashed on the way) vs direct S3 multipart PUT, fastest of {hubRuns.Count}", size, bestHub.Time, bestDirect.Time, 0.9);
        Console.WriteLine($"  its phases: batch request {phases[hubRound].Batch.TotalSeconds:F2} s, parts {phases[hubRound].Parts.TotalSeconds:F2} s, " +
                          $"completion (assemble + check) {phases[hubRound].Completion.TotalSeconds:F2} s; this process's CPU per GiB (client + hub) " +
                          $"{ApiBenchmark.PerGiB(hubCpu.Min(), size):F2} s through the hub, {ApiBenchmark.PerGiB(directCpu.Min(), size):F2} s for the direct PUT's client");
        ReportCeiling(size, bestDirect, bestHub, bestRelay);
        return new Result(oid, bestDirect.Time);
    }

    private static Run Fastest(List<Run> runs) => runs.MinBy(r => r.Time)!;

    private static async Task<Run> MeasureAsync(Func<Task> action)
    {
        var (elapsed, busy) = await MachineCpu.MeasureAsync(action);
        return new Run(elapsed, busy);
    }

    /// <summary>
    /// What this machine allows an upload the hub verifies, from this run's figures: the bare relay's time (the hop alone)
    /// plus the SHA-256 of the object, whose core-seconds add time at the rate the relayed upload kept the machine busy.
    /// Where the direct PUT already keeps every core busy (the store on the same machine), no server code passes that
    /// ceiling; on a machine with idle cores the hash and the hop overlap the store's work instead.
    /// </summary>
    private static void ReportCeiling(long size, Run direct, Run hub, Run relay)
    {
        if (direct.Busy <= 0) return;
        var hash = HashSeconds(size);
        var cores = MachineCpu.Cores;
        string Use(Run m) => $"{m.Busy:F2} core-s in {m.Time.TotalSeconds:F2} s ({100 * m.Busy / (cores * m.Time.TotalSeconds):F0}% of {cores} cores)";
        Console.WriteLine($"  machine CPU, all processes: direct PUT {Use(direct)}; through the hub {Use(hub)}, {hub.Busy - direct.Busy:+0.00;-0.00}; " +
                          $"bare relay (sockets only, no hash) {Use(relay)}, {relay.Busy - direct.Busy:+0.00;-0.00}, ratio {direct.Time / relay.Time:F2}");
        if (MachineCpu.Pinned)
        {
            // bench/upload-pinned.sh: the store on cores of its own, so the hub's work overlaps it instead of taking turns.
            Console.WriteLine($"  this process runs on {Environment.ProcessorCount} of the {cores} cores (pinned): no shared-core ceiling applies; SHA-256 of the object takes {hash:F2} s on one core");
            Console.WriteLine($"RESULT upload_ratio={direct.Time / hub.Time:F3} relay_ratio={direct.Time / relay.Time:F3} pinned=true");
            return;
        }
        var floor = relay.Time.TotalSeconds * (1 + hash / relay.Busy);
        Console.WriteLine($"  ceiling here: SHA-256 of the object takes {hash:F2} s on one core; relay + hash >= {relay.Time.TotalSeconds:F2} x (1 + {hash:F2} / {relay.Busy:F2}) = {floor:F2} s: " +
                          $"an upload path that sees and verifies the bytes reaches at most {direct.Time.TotalSeconds / floor:F2} of the direct PUT on this machine (hub: {direct.Time / hub.Time:F2})");
        Console.WriteLine($"RESULT upload_ratio={direct.Time / hub.Time:F3} upload_ceiling={direct.Time.TotalSeconds / floor:F3} relay_ratio={direct.Time / relay.Time:F3}");
    }

    /// <summary>Seconds one core takes to SHA-256 <paramref name="size"/> bytes from memory, as the hub hashes the parts it relays.</summary>
    private static double HashSeconds(long size)
    {
        var block = new byte[64 << 20];
        RandomNumberGenerator.Fill(block);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(block, 0, 1 << 20); // first use: library load
        hash.GetHashAndReset();
        var watch = Stopwatch.StartNew();
        for (var left = size; left > 0; left -= block.Length)
            hash.AppendData(block, 0, (int)Math.Min(block.Length, left));
        hash.GetHashAndReset();
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Multipart uploads each way first, so no measured upload pays for JIT compilation, first connections or first
    /// allocations: two rounds, each followed by a quiet spell for the background JIT. The second round sends four
    /// whole parts at once, as the measured uploads do: three of them arrive ahead of their turn and wait in the hub's
    /// spill memory, which is pooled, so the measured uploads find it allocated.
    /// </summary>
    private static async Task WarmUpAsync(HttpClient http, BenchHub hub, string repo, DirectS3 direct, BareRelay relay, long chunk, CancellationToken ct)
    {
        var file = Path.Combine(Path.GetTempPath(), $"hub-api-bench-{Guid.NewGuid():N}.bin");
        try
        {
            foreach (var size in new[] { 65L << 20, 4 * chunk })
            {
                var oid = await RandomFile.WriteAsync(file, size, ct);
                await direct.MultipartPutAsync(file, chunk, Parallel, ct);
                await direct.MultipartPutAsync(file, chunk, Parallel, ct, relay);
                await LfsUpload.UploadAsync(http, hub.Url, repo, file, oid, size, Parallel, ct);
                await ApiBenchmark.JitQuietAsync(ct);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}
