using Hub.Bench.Api;
using Hub.Bench.Blobs;
using Hub.Bench.Web;

// Hub benchmarks: each prints its figures as ratios against a limit measured in the same run.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return args.FirstOrDefault() switch
{
    "blobs" => await BlobBenchmark.RunAsync(args[1..], cancel.Token),
    "api" => await ApiBenchmark.RunAsync(args[1..], cancel.Token),
    "inference" => await Hub.Bench.Inference.InferenceBench.RunAsync(args[1..]),
    "search" => await Hub.Bench.Search.SearchBench.RunAsync(args[1..]),
    "git" => await Hub.Bench.Git.GitBench.RunAsync(args[1..], cancel.Token),
    "web" => await WebBenchmark.RunAsync(args[1..], cancel.Token),
    "scale" => await Hub.Bench.Scale.ScaleBench.RunAsync(args[1..], cancel.Token),
    "load" => await Hub.Bench.Load.LoadBench.RunAsync(args[1..], cancel.Token),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Hub.Bench -- <benchmark> [options]");
    Console.Error.WriteLine("  blobs [--size-mb N]               blob store PUT/GET throughput vs cp/dd (filesystem) and curl (S3); default 1024 MiB");
    Console.Error.WriteLine("  api [--size-mb N] [--seconds S]   LFS download/upload through the hub vs direct S3; resolve HEAD load; memory while streaming");
    Console.Error.WriteLine("  inference [N]                     MiniLM embeddings through REST at concurrency 1/8/64 vs raw ONNX Runtime");
    Console.Error.WriteLine("  search [--repos N]                seed PostgreSQL, then list/search latency and req/s at 64 connections; safetensors indexing");
    Console.Error.WriteLine("  " + Hub.Bench.Git.GitBenchOptions.Usage);
    Console.Error.WriteLine("  web [--repos N] [--requests N] [--concurrency N] [--embedded]   web UI pages: time to first byte and full render vs the API calls they make");
    Console.Error.WriteLine("  load [--clients N] [--seconds S]  mixed list/info/resolve/upload/inference load on a hub in another process; errors and p99 per route");
    return 2;
}
