using Hub.Bench.Api;

// Hub benchmarks: each prints its figures as ratios against a limit measured in the same run.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return args.FirstOrDefault() switch
{
    "api" => await ApiBenchmark.RunAsync(args[1..], cancel.Token),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Hub.Bench -- <benchmark> [options]");
    Console.Error.WriteLine("  api [--size-mb N] [--seconds S]   LFS download/upload through the hub vs direct S3; resolve HEAD load; memory while streaming");
    return 2;
}
