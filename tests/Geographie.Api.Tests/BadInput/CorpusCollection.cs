namespace Geographie.Api.Tests.BadInput;

/// <summary>
/// The corpus's classes share one service and one database and run one after the other: no case changes data (a
/// refused import changes nothing, which the import cases check), and one host instead of four keeps the test run
/// light on a shared machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CorpusCollection : ICollectionFixture<CorpusApp>
{
    public const string Name = "bad-input corpus";
}
