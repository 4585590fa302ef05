// Hub benchmarks: each prints its figures as ratios against a limit measured in the same run.
switch (args.FirstOrDefault())
{
    case "inference": return await Hub.Bench.Inference.InferenceBench.RunAsync(args[1..]);
}
Console.WriteLine("usage: dotnet run -c Release --project bench/Hub.Bench -- <benchmark>");
return 2;
