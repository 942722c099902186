using BenchmarkDotNet.Running;
using Geographie.Benchmarks;

if (args.Length > 0 && args[0] == "quick")
{
    QuickCheck.Run(args.Skip(1).ToArray());
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args, BenchConfig.Create());
