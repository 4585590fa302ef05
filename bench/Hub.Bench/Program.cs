// Hub benchmarks: each prints its figures as ratios against a limit measured in the same run.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
switch (args.FirstOrDefault())
{
    case "git": return await Hub.Bench.Git.GitBench.RunAsync(args[1..], cancel.Token);
    default:
        Console.WriteLine("usage: dotnet run -c Release --project bench/Hub.Bench -- <benchmark> [options]");
        Console.WriteLine("  " + Hub.Bench.Git.GitBenchOptions.Usage);
        return 2;
}
