// Hub benchmarks: each prints its figures as ratios against a limit measured in the same run.
switch (args.FirstOrDefault())
{
    case "search": return await Hub.Bench.Search.SearchBench.RunAsync(args[1..]);
}
Console.WriteLine("usage: dotnet run -c Release --project bench/Hub.Bench -- <benchmark>");
return 2;
