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
    "web" => await WebBenchmark.RunAsync(args[1..], cancel.Token),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Hub.Bench -- <benchmark> [options]");
    Console.Error.WriteLine("  web [--repos N] [--requests N] [--concurrency N] [--embedded]   web UI pages: time to first byte and full render vs the API calls they make");
    return 2;
}
