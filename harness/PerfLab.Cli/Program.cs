using PerfLab.Cli;

return await PerfLabCommandLine.RunAsync(args);
