using PerfLab.Runners.Emulation.Cuda;

// Usage (as the shims call it): cuda-emulator-host emulate nvidia-smi ARGS | cuda-emulator-host emulate hydra-benchmark ARGS
if (args.Length == 0 || args[0] != "emulate")
{
    Console.Error.WriteLine("usage: cuda-emulator-host emulate <nvidia-smi|hydra-benchmark> ARGS...");
    return 2;
}
var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
return CudaEmulator.FromProcessEnvironment().Run(args[1..], stdout, Console.Error);
