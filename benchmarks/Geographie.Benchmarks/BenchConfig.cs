using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace Geographie.Benchmarks;

/// <summary>The one shared config: memory diagnoser and an ops/s column. Benchmarks use OperationsPerInvoke, so Mean reads as ns per point.</summary>
public static class BenchConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddColumn(StatisticColumn.OperationsPerSecond);
}
