using PerfLab.Benchmarks.Commands;

return await BenchmarkCommandLine.RunAsync(args);
