// Hub benchmarks: each prints its figures as ratios against a limit measured in the same run.
Console.WriteLine("usage: dotnet run -c Release --project bench/Hub.Bench -- <benchmark>");
return 2;
